package vn.kehoach

/** The stable code of this rule (`plan-cycle`), as reports, registry documents and `docs/RULES.md` write it. */
val Rule.code: String get() = ruleCode(this)
