package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import javax.xml.parsers.DocumentBuilderFactory

/**
 * Run by failsafe against the packaged jar, not target/classes: the bindings and the native library must both come
 * from the jar, so that a JVM user needs the jar and JNA only.
 */
class JarIT {
    @Test
    fun `the bindings and the native library load from the jar`() {
        val codeSource = Registry::class.java.protectionDomain.codeSource.location.toString()
        assertTrue(codeSource.endsWith(".jar"), codeSource)
        val native = Registry::class.java.classLoader.getResource("linux-x86-64/libkehoach_ffi.so")
        assertTrue(native != null && native.toString().startsWith("jar:"), "native library resource: $native")

        Registry.fromJson(Fixtures.conformance("01-clean-three-levels.json")).use { registry ->
            assertEquals(3, registry.planCount())
            assertTrue(registry.validate().conforms)
        }
    }

    @Test
    fun `the jar's POM declares JNA and the Kotlin standard library`() {
        val pom = Registry::class.java.classLoader.getResource("META-INF/maven/vn.kehoach/kehoach/pom.xml")
        assertTrue(pom != null && pom.toString().startsWith("jar:"), "embedded POM: $pom")
        val document = pom!!.openStream().use { DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(it) }
        val dependencies = document.getElementsByTagName("dependency")
        val runtime = (0 until dependencies.length).map { dependencies.item(it) as org.w3c.dom.Element }
            .filter { d -> d.getElementsByTagName("scope").let { it.length == 0 || it.item(0).textContent == "compile" } }
            .map { d -> listOf("groupId", "artifactId").joinToString(":") { d.getElementsByTagName(it).item(0).textContent } }
        assertEquals(listOf("org.jetbrains.kotlin:kotlin-stdlib", "net.java.dev.jna:jna"), runtime)
    }
}
