//! Profile configuration.

use serde::Deserialize;

/// How signals become interest weights.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProfileConfig {
    /// Days after which a signal counts half as much.
    pub half_life_days: f64,
    /// Interests lighter than this are left out.
    pub min_weight: f64,
    /// At most this many interests, heaviest first.
    pub max_interests: usize,
}

impl Default for ProfileConfig {
    fn default() -> Self {
        Self {
            half_life_days: 30.0,
            min_weight: 0.01,
            max_interests: 50,
        }
    }
}

impl ProfileConfig {
    /// Returns the decay factor for a signal `age_days` old (1 when new).
    pub fn decay(&self, age_days: f64) -> f64 {
        let age_days = age_days.max(0.0);
        0.5f64.powf(age_days / self.half_life_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_halves_every_half_life() {
        let config = ProfileConfig::default();
        assert!((config.decay(0.0) - 1.0).abs() < 1e-12);
        assert!((config.decay(30.0) - 0.5).abs() < 1e-12);
        assert!((config.decay(60.0) - 0.25).abs() < 1e-12);
        assert!(
            (config.decay(-5.0) - 1.0).abs() < 1e-12,
            "future signals do not grow"
        );
    }
}
