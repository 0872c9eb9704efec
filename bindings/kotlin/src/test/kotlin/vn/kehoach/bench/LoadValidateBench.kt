package vn.kehoach.bench

import vn.kehoach.FfiConverterString
import vn.kehoach.Registry
import java.io.File
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.StandardOpenOption
import kotlin.system.exitProcess

/**
 * Load + validate of a registry file (one national school year) through the Kotlin bindings, timed over several runs,
 * in turn with the same work in Rust (`benches/tools/src/bin/bench_load_validate.rs`, run as a child process).
 *
 * Not a test (surefire runs `*Test` classes only): `bindings/kotlin/bench.sh` builds the release library and runs it
 * through the `bench` Maven profile. Arguments: FILE [RUNS] [PAIRS] [RUST_BENCH]; without RUST_BENCH only the
 * Kotlin figures are printed.
 *
 * This VM drifts by 20 % within minutes, so Rust and Kotlin run in turn, PAIRS times, and each ratio is taken within
 * its pair; the median of those ratios is the figure. Each run times the load (`fromBuffer`, `fromBytes`) and
 * `validate()` (the report as Kotlin records). What the load reads is ready before the clock starts, as the Rust
 * figure's bytes are: the file's bytes in a `ByteArray`, and in a direct buffer outside the JVM heap. A mapped file
 * (`FileChannel.map`), read as the load goes, is timed too. Registries are closed after the clock stops (the Rust
 * figure drops its registry after its clock stops too). The breakdown lines at the end show what `fromJson` costs
 * more: the UTF-16 → UTF-8 encoding the bindings do before the text crosses.
 */
fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: LoadValidateBench FILE [RUNS] [PAIRS] [RUST_BENCH]")
        exitProcess(2)
    }
    val file = File(args[0])
    val runs = args.getOrNull(1)?.toInt() ?: 10
    val pairs = args.getOrNull(2)?.toInt() ?: 5
    val rustBench = args.getOrNull(3)?.takeIf { it.isNotEmpty() && it != "-" }
    val warmup = 3
    val bytes = file.readBytes()
    val direct = ByteBuffer.allocateDirect(bytes.size).put(bytes).flip()

    val shape = Registry.fromBuffer(direct).use { r ->
        val report = r.validate()
        "${r.unitCount()} units, ${r.planCount()} plans, ${report.findings.size} findings"
    }
    println("file: ${file.path} (${"%.1f".format(bytes.size / 1e6)} MB; $shape); $runs runs, $pairs pairs, $warmup warm-up runs")
    println("JVM: ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}, max heap ${Runtime.getRuntime().maxMemory() / (1 shl 20)} MB")
    repeat(warmup) {
        Registry.fromBuffer(direct).use { it.validate() }
        Registry.fromBytes(bytes).use { it.validate() }
    }

    fun line(name: String, t: Stats) =
        println("kotlin %-34s median %8.1f ms   min %8.1f   max %8.1f".format(name, t.median, t.min, t.max))
    val bufferRatios = mutableListOf<Double>()
    val bytesRatios = mutableListOf<Double>()
    val bufferMinRatios = mutableListOf<Double>()
    repeat(pairs) { pair ->
        println("==> pair ${pair + 1} of $pairs")
        val rust = rustBench?.let { runRust(it, file, runs) }
        if (rust != null) println("rust   %-34s median %8.1f ms   min %8.1f".format("load + validate (in process)", rust.median, rust.min))
        val fromBuffer = timeLoadValidate(runs, 0) { Registry.fromBuffer(direct) }
        val fromBytes = timeLoadValidate(runs, 0) { Registry.fromBytes(bytes) }
        line("fromBuffer(direct) + validate()", fromBuffer.total)
        line("  of which validate()", fromBuffer.validate)
        line("fromBytes(bytes) + validate()", fromBytes.total)
        if (rust != null) {
            bufferRatios += fromBuffer.total.median / rust.median
            bytesRatios += fromBytes.total.median / rust.median
            bufferMinRatios += fromBuffer.total.min / rust.min
            println("ratio  kotlin fromBuffer / rust: %.2fx   fromBytes / rust: %.2fx   fastest fromBuffer / fastest rust: %.2fx"
                .format(bufferRatios.last(), bytesRatios.last(), bufferMinRatios.last()))
        }
    }

    val mapped = FileChannel.open(file.toPath(), StandardOpenOption.READ).use { channel ->
        timeLoadValidate(runs, warmup) { Registry.fromBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())) }
    }
    val text = bytes.toString(Charsets.UTF_8)
    val fromJson = timeLoadValidate(runs, warmup) { Registry.fromJson(text) }
    val encode = time(runs, warmup) { FfiConverterString.toUtf8(text).limit() }
    val (toJson, records) = Registry.fromBuffer(direct).use { r ->
        r.validate() // the registry keeps its report: what follows is the conversion, not the check
        time(runs, warmup) { r.validateToJson().length } to time(runs, warmup) { r.validate().findings.size }
    }
    println("==> once, after the pairs")
    line("fromBuffer(mapped file) + validate()", mapped.total)
    line("fromJson(text) + validate()", fromJson.total)
    line("String to UTF-8 (inside fromJson)", encode)
    line("kept report as Kotlin records", records)
    line("kept report as JSON text", toJson)
    if (bufferRatios.isNotEmpty()) {
        println("ratio-per-pair kotlin fromBuffer / rust: ${bufferRatios.joinToString(" ") { "%.2f".format(it) }}; median %.2fx".format(median(bufferRatios)))
        println("ratio-per-pair kotlin fromBytes / rust: ${bytesRatios.joinToString(" ") { "%.2f".format(it) }}; median %.2fx".format(median(bytesRatios)))
        println("min-ratio-per-pair kotlin fromBuffer / rust: ${bufferMinRatios.joinToString(" ") { "%.2f".format(it) }}; median %.2fx".format(median(bufferMinRatios)))
    }
}

/** The Rust figure of one pair: `bench_load_validate FILE --runs RUNS`, its median and fastest load + validate. */
private fun runRust(bench: String, file: File, runs: Int): Stats {
    val process = ProcessBuilder(bench, file.path, "--runs", runs.toString()).redirectErrorStream(true).start()
    val out = process.inputStream.bufferedReader().readText()
    check(process.waitFor() == 0) { "$bench failed:\n$out" }
    // "rust load + validate  median    155.9 ms   min    155.3   max    162.7"
    val line = out.lines().first { it.startsWith("rust load + validate") }
    val numbers = Regex("""[0-9]+\.[0-9]+""").findAll(line).map { it.value.toDouble() }.toList()
    return Stats(numbers[0], numbers[1], numbers[2])
}

private fun median(xs: List<Double>): Double = Stats.of(xs).median

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
