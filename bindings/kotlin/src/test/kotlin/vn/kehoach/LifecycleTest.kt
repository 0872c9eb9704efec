package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class LifecycleTest {
    @Test
    fun `use closes the registry and a closed registry refuses calls`() {
        val registry = Registry(Profile.TWO_TIER_2025)
        val count = registry.use {
            it.addUnit(Hanoi.units[1])
            assertFalse(it.uniffiIsDestroyed)
            it.unitCount()
        }
        assertEquals(1, count)
        assertTrue(registry.uniffiIsDestroyed)
        val e = assertThrows<IllegalStateException> { registry.unitCount() }
        assertTrue(e.message!!.contains("destroyed"), e.message)
        registry.close() // closing twice is harmless
    }

    @Test
    fun `freeing a registry leaves its copies alive`() {
        val registry = Hanoi.registry()
        val copy = registry.copy()
        registry.close()
        copy.use { assertEquals(3, it.planCount()) }
    }
}
