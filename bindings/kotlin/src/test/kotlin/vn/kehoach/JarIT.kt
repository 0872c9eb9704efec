package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

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
}
