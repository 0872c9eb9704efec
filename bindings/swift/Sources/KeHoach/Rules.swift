// A rule's stable code as a property, as the Rust API has it (`rule.code()`), so that Swift code reads
// `finding.rule.code` rather than calling a free function.

extension Rule {
    /// The stable code of this rule (`plan-cycle`), as reports, registry documents and `docs/RULES.md` write it.
    public var code: String { ruleCode(rule: self) }

    /// The rule with the stable code `code`, or `nil` for a code no rule has.
    public init?(code: String) {
        guard let rule = try? ruleFromCode(code: code) else { return nil }
        self = rule
    }
}
