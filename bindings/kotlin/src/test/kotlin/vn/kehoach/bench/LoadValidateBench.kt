package vn.kehoach.bench

import vn.kehoach.FfiConverterString
import vn.kehoach.Registry
import java.io.File
import kotlin.system.exitProcess

/**
 * Load + validate of a registry file (one national school year) through the Kotlin bindings, timed over several runs,
 * next to the Rust figure for the same work measured in process (`benches/tools/src/bin/bench_load_validate.rs`).
 *
 * Not a test (surefire runs `*Test` classes only): `bindings/kotlin/bench.sh` builds the release library and runs it
 * through the `bench` Maven profile. Arguments: FILE [RUNS] [RUST_MEDIAN_MS]; the Rust figure is optional.
 *
 * Each run times `Registry.fromJson(text)` (or `fromBytes(bytes)`) and `validate()` (the report as Kotlin records);
 * the file is read before any timing and the registry is closed after the clock stops (the Rust figure drops its
 * registry after its clock stops too). The breakdown lines show where the time goes: the UTF-16 → UTF-8 encoding the
 * bindings do before `fromJson` crosses, and `validateToJson()` (the same report as one string, no records).
 */
fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: LoadValidateBench FILE [RUNS] [RUST_MEDIAN_MS]")
        exitProcess(2)
    }
    val file = File(args[0])
    val runs = args.getOrNull(1)?.toInt() ?: 10
    val rust = args.getOrNull(2)?.toDoubleOrNull()
    val warmup = 3
    val bytes = file.readBytes()
    val text = bytes.toString(Charsets.UTF_8)

    val shape = Registry.fromBytes(bytes).use { r ->
        val report = r.validate()
        "${r.unitCount()} units, ${r.planCount()} plans, ${report.findings.size} findings"
    }
    println("file: ${file.path} (${"%.1f".format(bytes.size / 1e6)} MB; $shape); $runs runs after $warmup warm-up")
    println("JVM: ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}, max heap ${Runtime.getRuntime().maxMemory() / (1 shl 20)} MB")

    val fromJson = timeLoadValidate(runs, warmup) { Registry.fromJson(text) }
    val fromBytes = timeLoadValidate(runs, warmup) { Registry.fromBytes(bytes) }
    val encode = time(runs, warmup) { FfiConverterString.toUtf8(text).limit() }
    val jdkEncode = time(runs, warmup) { text.toByteArray(Charsets.UTF_8).size }
    val (toJson, records) = Registry.fromBytes(bytes).use { r ->
        r.validate() // the registry keeps its report: what follows is the conversion, not the check
        time(runs, warmup) { r.validateToJson().length } to time(runs, warmup) { r.validate().findings.size }
    }

    fun line(name: String, t: Stats) =
        println("kotlin %-34s median %8.1f ms   min %8.1f   max %8.1f".format(name, t.median, t.min, t.max))
    line("fromJson(text) + validate()", fromJson.total)
    line("  of which fromJson(text)", fromJson.load)
    line("  of which validate()", fromJson.validate)
    line("fromBytes(bytes) + validate()", fromBytes.total)
    line("  of which fromBytes(bytes)", fromBytes.load)
    line("  of which validate()", fromBytes.validate)
    line("String to UTF-8 (inside fromJson)", encode)
    line("String.toByteArray(UTF_8) (JDK)", jdkEncode)
    line("kept report as Kotlin records", records)
    line("kept report as JSON text", toJson)
    if (rust != null) {
        println("rust   %-34s median %8.1f ms".format("load + validate (in process)", rust))
        println("ratio  kotlin fromJson  / rust: %.2fx".format(fromJson.total.median / rust))
        println("ratio  kotlin fromBytes / rust: %.2fx".format(fromBytes.total.median / rust))
    }
}

/** Median, minimum and maximum of some runs, in milliseconds. */
data class Stats(val median: Double, val min: Double, val max: Double) {
    companion object {
        fun of(ms: List<Double>): Stats {
            val s = ms.sorted()
            val n = s.size
            val median = if (n % 2 == 1) s[n / 2] else (s[n / 2 - 1] + s[n / 2]) / 2
            return Stats(median, s.first(), s.last())
        }
    }
}

class LoadValidate(val load: Stats, val validate: Stats, val total: Stats)

private fun millis(from: Long, to: Long) = (to - from) / 1e6

/** Times `load()` then `validate()` of what it loaded, `runs` times after `warmup` untimed runs. */
private fun timeLoadValidate(runs: Int, warmup: Int, load: () -> Registry): LoadValidate {
    val loads = mutableListOf<Double>()
    val validates = mutableListOf<Double>()
    val totals = mutableListOf<Double>()
    repeat(warmup + runs) { i ->
        System.gc()
        val start = System.nanoTime()
        val registry = load()
        val loaded = System.nanoTime()
        val report = registry.validate()
        val done = System.nanoTime()
        registry.close()
        check(report.findings.isNotEmpty() || report.conforms)
        if (i >= warmup) {
            loads += millis(start, loaded)
            validates += millis(loaded, done)
            totals += millis(start, done)
        }
    }
    return LoadValidate(Stats.of(loads), Stats.of(validates), Stats.of(totals))
}

private fun time(runs: Int, warmup: Int, work: () -> Int): Stats {
    val times = mutableListOf<Double>()
    var sink = 0
    repeat(warmup + runs) { i ->
        val start = System.nanoTime()
        sink += work()
        val done = System.nanoTime()
        if (i >= warmup) times += millis(start, done)
    }
    check(sink >= 0)
    return Stats.of(times)
}
