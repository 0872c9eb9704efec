//! Profiles (which hierarchy of levels a registry follows) and severities.

use std::fmt;

/// The hierarchy a registry follows. A profile sets the rules' default severities, the school-year window and
/// the legal basis quoted in findings. In version 1 both profiles have the same rules, severities and window;
/// they differ in the basis quoted and in the level names used in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Profile {
    /// City → district → school, as in the seeds (Hanoi, 2020-2021). The default.
    #[default]
    ThreeTier2020,
    /// Province → commune → school, after the reform of 1/7/2025 (districts abolished).
    TwoTier2025,
}

impl Profile {
    /// Both profiles.
    pub const ALL: [Profile; 2] = [Profile::ThreeTier2020, Profile::TwoTier2025];

    /// The registry-format name.
    pub fn code(self) -> &'static str {
        match self {
            Profile::ThreeTier2020 => "three-tier-2020",
            Profile::TwoTier2025 => "two-tier-2025",
        }
    }

    /// The profile named by a registry-format name.
    pub fn from_code(s: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.code() == s)
    }

    /// What the middle level is called, in Vietnamese.
    pub fn middle_level_vi(self) -> &'static str {
        match self {
            Profile::ThreeTier2020 => "phòng GD&ĐT quận/huyện",
            Profile::TwoTier2025 => "UBND xã/phường",
        }
    }

    /// What the middle level is called, in English.
    pub fn middle_level_en(self) -> &'static str {
        match self {
            Profile::ThreeTier2020 => "district education office",
            Profile::TwoTier2025 => "commune committee",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How serious a finding is. Ordered from least to most serious, so `max()` gives the worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; never makes a registry non-conforming.
    Info,
    /// Should be fixed; does not make a registry non-conforming.
    Warning,
    /// Breaks a rule: the registry does not conform.
    Error,
}

impl Severity {
    /// The format name (`error`).
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Vietnamese word (`lỗi`).
    pub fn name_vi(self) -> &'static str {
        match self {
            Severity::Info => "thông tin",
            Severity::Warning => "cảnh báo",
            Severity::Error => "lỗi",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a registry's `rules` object sets a rule to: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// Report the rule's findings with this severity.
    On(Severity),
    /// Do not run the rule.
    Off,
}

impl Level {
    /// Every level, in format order.
    pub const ALL: [Level; 4] =
        [Level::On(Severity::Error), Level::On(Severity::Warning), Level::On(Severity::Info), Level::Off];

    /// The format name (`error`, `warning`, `info`, `off`).
    pub fn code(self) -> &'static str {
        match self {
            Level::On(s) => s.code(),
            Level::Off => "off",
        }
    }

    /// The level named by a format name.
    pub fn from_code(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == s)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
