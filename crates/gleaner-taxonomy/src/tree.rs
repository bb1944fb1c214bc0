//! The [`Taxonomy`] tree and its queries.

use std::collections::HashMap;

use gleaner_core::TopicId;

use crate::error::TaxonomyError;
use crate::parse::parse_topics;
use crate::topic::Topic;

/// The separator between the names of a topic path.
pub const PATH_SEPARATOR: &str = " > ";

/// An immutable tree of at most three tiers of topics.
///
/// Built once by [`Taxonomy::parse`] (or shared via
/// [`Taxonomy::embedded`](crate::Taxonomy::embedded)); every query is a map
/// lookup or a walk of at most three parent links.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Topics in file order.
    topics: Vec<Topic>,
    /// Position in `topics` of each id.
    position_by_id: HashMap<TopicId, usize>,
    /// The same for ids below [`DENSE_ID_LIMIT`], indexed by id
    /// (`u32::MAX`: no such topic): ranking asks for ancestors millions of
    /// times per second, and a slice index beats hashing there.
    dense_position_by_id: Vec<u32>,
    /// Ancestors of each topic, nearest first, parallel to `topics`.
    ancestors_by_position: Vec<Vec<TopicId>>,
    /// Children of each topic, parallel to `topics`, in file order.
    children_by_position: Vec<Vec<TopicId>>,
    /// Roots in file order.
    roots: Vec<TopicId>,
    /// Normalised full path (see [`normalize_path`]) to id.
    id_by_normalized_path: HashMap<String, TopicId>,
    /// Normalised name to ids, shallowest tier first, then file order.
    ids_by_normalized_name: HashMap<String, Vec<TopicId>>,
}

/// Ids below this get a slice index (the bundled taxonomy's ids stop
/// under 1,000); larger ids, allowed in a custom file, use the hash map.
const DENSE_ID_LIMIT: usize = 1 << 16;

impl Taxonomy {
    /// Parses a taxonomy TSV (`id\tparent_id\tname\tiab_id` with a header).
    ///
    /// Checks that ids are unique, that each parent is declared on an earlier
    /// line, that no topic is deeper than [`MAX_TIER`](crate::MAX_TIER) and
    /// that names are non-empty and free of `>`. Errors name the line.
    pub fn parse(tsv: &str) -> Result<Taxonomy, TaxonomyError> {
        let topics = parse_topics(tsv)?;
        Ok(Self::from_checked_topics(topics))
    }

    /// Builds the indexes. `topics` come from `parse_topics`, so every parent
    /// precedes its children and ids are unique.
    fn from_checked_topics(topics: Vec<Topic>) -> Taxonomy {
        let mut position_by_id = HashMap::with_capacity(topics.len());
        let mut children_by_position = vec![Vec::new(); topics.len()];
        let mut roots = Vec::new();
        let mut id_by_normalized_path = HashMap::with_capacity(topics.len());
        let mut normalized_path_by_position: Vec<String> = Vec::with_capacity(topics.len());
        let mut ids_by_normalized_name: HashMap<String, Vec<TopicId>> = HashMap::new();

        for (position, topic) in topics.iter().enumerate() {
            position_by_id.insert(topic.id, position);
            let normalized_name = normalize_segment(&topic.name);
            let normalized_path = match topic.parent {
                None => {
                    roots.push(topic.id);
                    normalized_name.clone()
                }
                Some(parent) => {
                    let parent_position = position_by_id[&parent];
                    children_by_position[parent_position].push(topic.id);
                    format!(
                        "{}{PATH_SEPARATOR}{normalized_name}",
                        normalized_path_by_position[parent_position]
                    )
                }
            };
            id_by_normalized_path
                .entry(normalized_path.clone())
                .or_insert(topic.id);
            normalized_path_by_position.push(normalized_path);
            ids_by_normalized_name
                .entry(normalized_name)
                .or_default()
                .push(topic.id);
        }
        for ids in ids_by_normalized_name.values_mut() {
            // Stable sort keeps file order among topics of the same tier.
            ids.sort_by_key(|id| topics[position_by_id[id]].tier);
        }
        let dense_length = topics
            .iter()
            .map(|topic| topic.id.0 as usize + 1)
            .filter(|length| *length <= DENSE_ID_LIMIT)
            .max()
            .unwrap_or(0);
        let mut dense_position_by_id = vec![u32::MAX; dense_length];
        for (position, topic) in topics.iter().enumerate() {
            if let Some(slot) = dense_position_by_id.get_mut(topic.id.0 as usize) {
                *slot = position as u32;
            }
        }
        // Parents precede children, so each parent's list is complete first.
        let mut ancestors_by_position: Vec<Vec<TopicId>> = Vec::with_capacity(topics.len());
        for topic in &topics {
            let ancestors = match topic.parent {
                None => Vec::new(),
                Some(parent) => {
                    let mut ancestors = vec![parent];
                    ancestors.extend_from_slice(&ancestors_by_position[position_by_id[&parent]]);
                    ancestors
                }
            };
            ancestors_by_position.push(ancestors);
        }
        Taxonomy {
            topics,
            position_by_id,
            dense_position_by_id,
            ancestors_by_position,
            children_by_position,
            roots,
            id_by_normalized_path,
            ids_by_normalized_name,
        }
    }

    /// Returns the topic with this id.
    pub fn get(&self, id: TopicId) -> Option<&Topic> {
        self.position(id).map(|position| &self.topics[position])
    }

    fn position(&self, id: TopicId) -> Option<usize> {
        match self.dense_position_by_id.get(id.0 as usize) {
            Some(&u32::MAX) => None,
            Some(&position) => Some(position as usize),
            None => self.position_by_id.get(&id).copied(),
        }
    }

    /// Returns true when the taxonomy holds this id.
    pub fn contains(&self, id: TopicId) -> bool {
        self.position(id).is_some()
    }

    /// Returns the full path of a topic, e.g. `Sports > Running > Trail running`.
    pub fn path(&self, id: TopicId) -> Option<String> {
        let topic = self.get(id)?;
        let mut names: Vec<&str> = self
            .ancestors(id)
            .iter()
            .rev()
            .filter_map(|&ancestor| self.get(ancestor).map(|found| found.name.as_str()))
            .collect();
        names.push(&topic.name);
        Some(names.join(PATH_SEPARATOR))
    }

    /// Returns the ancestors of a topic, parent first and root last, without
    /// the topic itself. Empty for a root or an unknown id.
    pub fn ancestors(&self, id: TopicId) -> Vec<TopicId> {
        self.position(id)
            .map(|position| self.ancestors_by_position[position].clone())
            .unwrap_or_default()
    }

    /// Returns true when `topic` is `ancestor` or lies below it. False when
    /// either id is unknown.
    pub fn is_self_or_descendant_of(&self, topic: TopicId, ancestor: TopicId) -> bool {
        let Some(position) = self.position(topic) else {
            return false;
        };
        if !self.contains(ancestor) {
            return false;
        }
        topic == ancestor || self.ancestors_by_position[position].contains(&ancestor)
    }

    /// Returns the tier-1 topic above (or equal to) this one.
    pub fn root_of(&self, id: TopicId) -> Option<TopicId> {
        let position = self.position(id)?;
        Some(
            self.ancestors_by_position[position]
                .last()
                .copied()
                .unwrap_or(id),
        )
    }

    /// Returns the direct children of a topic in file order; empty for a leaf
    /// or an unknown id.
    pub fn children(&self, id: TopicId) -> &[TopicId] {
        self.position_by_id
            .get(&id)
            .map_or(&[], |&position| &self.children_by_position[position])
    }

    /// Returns every topic below this one (children, grandchildren), parents
    /// before their children. Empty for a leaf or an unknown id.
    pub fn descendants(&self, id: TopicId) -> Vec<TopicId> {
        let mut descendants = Vec::new();
        let mut pending: Vec<TopicId> = self.children(id).iter().rev().copied().collect();
        while let Some(next) = pending.pop() {
            descendants.push(next);
            pending.extend(self.children(next).iter().rev().copied());
        }
        descendants
    }

    /// Returns the tier-1 topics in file order.
    pub fn roots(&self) -> &[TopicId] {
        &self.roots
    }

    /// Finds a topic by its full path: segments separated by `>`, compared
    /// case-insensitively, with surrounding and repeated whitespace ignored
    /// (`" sports>RUNNING >  trail   running"` finds `Sports > Running > Trail running`).
    pub fn find_by_path(&self, path: &str) -> Option<TopicId> {
        self.id_by_normalized_path
            .get(&normalize_path(path))
            .copied()
    }

    /// Finds a topic by its name alone, compared as in [`Self::find_by_path`].
    ///
    /// Names are unique in the embedded taxonomy. Should a parsed taxonomy
    /// repeat a name, the topic of the shallowest tier wins, and among topics
    /// of the same tier the one declared first; use [`Self::find_by_path`] or
    /// [`Self::find_all_by_name`] to tell them apart.
    pub fn find_by_name(&self, name: &str) -> Option<TopicId> {
        self.find_all_by_name(name).first().copied()
    }

    /// Returns every topic with this name, shallowest tier first, then in
    /// file order.
    pub fn find_all_by_name(&self, name: &str) -> &[TopicId] {
        self.ids_by_normalized_name
            .get(&normalize_segment(name))
            .map_or(&[], Vec::as_slice)
    }

    /// Iterates over all topics in file order (each parent before its children).
    pub fn iter(&self) -> impl Iterator<Item = &Topic> + '_ {
        self.topics.iter()
    }

    /// Returns the number of topics.
    pub fn len(&self) -> usize {
        self.topics.len()
    }

    /// Returns true when the taxonomy has no topic (never true for a parsed one).
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }
}

impl<'taxonomy> IntoIterator for &'taxonomy Taxonomy {
    type Item = &'taxonomy Topic;
    type IntoIter = std::slice::Iter<'taxonomy, Topic>;

    fn into_iter(self) -> Self::IntoIter {
        self.topics.iter()
    }
}

/// Lower-cases a name and collapses runs of whitespace to one space.
fn normalize_segment(segment: &str) -> String {
    segment
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Normalises every `>`-separated segment and joins them with [`PATH_SEPARATOR`].
fn normalize_path(path: &str) -> String {
    path.split('>')
        .map(normalize_segment)
        .collect::<Vec<_>>()
        .join(PATH_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "id\tparent_id\tname\tiab_id\n\
        1\t\tSports\t483\n\
        2\t\tTravel\t653\n\
        10\t1\tRunning\t227\n\
        11\t10\tTrail running\t\n\
        12\t10\tMarathons\t\n\
        13\t1\tGolf\t512\n\
        20\t2\tCamping\t677\n\
        21\t20\tGolf\t\n";

    fn sample() -> Taxonomy {
        Taxonomy::parse(SAMPLE).unwrap()
    }

    #[test]
    fn ids_past_the_dense_index_answer_like_small_ones() {
        let big = 70_000;
        let tsv = format!(
            "id\tparent_id\tname\tiab_id\n1\t\tSports\t1\n{big}\t1\tRunning\t2\n{}\t{big}\tTrail running\t3\n",
            big + 1
        );
        let taxonomy = Taxonomy::parse(&tsv).unwrap();
        let leaf = TopicId(big + 1);
        assert_eq!(taxonomy.ancestors(leaf), vec![TopicId(big), TopicId(1)]);
        assert!(taxonomy.is_self_or_descendant_of(leaf, TopicId(1)));
        assert!(taxonomy.is_self_or_descendant_of(leaf, TopicId(big)));
        assert!(!taxonomy.is_self_or_descendant_of(TopicId(big), leaf));
        assert_eq!(taxonomy.root_of(leaf), Some(TopicId(1)));
        assert_eq!(taxonomy.root_of(TopicId(big + 2)), None);
        assert!(!taxonomy.contains(TopicId(2)));
        assert_eq!(
            taxonomy.path(leaf).as_deref(),
            Some("Sports > Running > Trail running")
        );
    }

    #[test]
    fn path_joins_names_from_the_root() {
        let taxonomy = sample();
        assert_eq!(
            taxonomy.path(TopicId(11)).as_deref(),
            Some("Sports > Running > Trail running")
        );
        assert_eq!(taxonomy.path(TopicId(1)).as_deref(), Some("Sports"));
        assert_eq!(taxonomy.path(TopicId(999)), None);
    }

    #[test]
    fn ancestors_are_parent_first_root_last() {
        let taxonomy = sample();
        assert_eq!(
            taxonomy.ancestors(TopicId(11)),
            vec![TopicId(10), TopicId(1)]
        );
        assert!(taxonomy.ancestors(TopicId(1)).is_empty());
        assert!(taxonomy.ancestors(TopicId(999)).is_empty());
    }

    #[test]
    fn descendant_checks() {
        let taxonomy = sample();
        assert!(taxonomy.is_self_or_descendant_of(TopicId(11), TopicId(1)));
        assert!(taxonomy.is_self_or_descendant_of(TopicId(11), TopicId(10)));
        assert!(taxonomy.is_self_or_descendant_of(TopicId(11), TopicId(11)));
        assert!(!taxonomy.is_self_or_descendant_of(TopicId(1), TopicId(11)));
        assert!(!taxonomy.is_self_or_descendant_of(TopicId(20), TopicId(1)));
        assert!(!taxonomy.is_self_or_descendant_of(TopicId(999), TopicId(999)));
        assert_eq!(
            taxonomy.descendants(TopicId(1)),
            vec![TopicId(10), TopicId(11), TopicId(12), TopicId(13)]
        );
    }

    #[test]
    fn roots_children_and_root_of() {
        let taxonomy = sample();
        assert_eq!(taxonomy.roots(), &[TopicId(1), TopicId(2)]);
        assert_eq!(taxonomy.children(TopicId(1)), &[TopicId(10), TopicId(13)]);
        assert!(taxonomy.children(TopicId(11)).is_empty());
        assert!(taxonomy.children(TopicId(999)).is_empty());
        assert_eq!(taxonomy.root_of(TopicId(12)), Some(TopicId(1)));
        assert_eq!(taxonomy.root_of(TopicId(2)), Some(TopicId(2)));
        assert_eq!(taxonomy.root_of(TopicId(999)), None);
        assert_eq!(taxonomy.len(), 8);
        assert_eq!(taxonomy.iter().count(), 8);
        assert_eq!(taxonomy.get(TopicId(11)).unwrap().tier, 3);
    }

    #[test]
    fn find_by_path_is_case_and_whitespace_insensitive() {
        let taxonomy = sample();
        assert_eq!(
            taxonomy.find_by_path(" sports>RUNNING >  trail   running "),
            Some(TopicId(11))
        );
        assert_eq!(
            taxonomy.find_by_path("Travel > Camping > Golf"),
            Some(TopicId(21))
        );
        assert_eq!(taxonomy.find_by_path("Running > Trail running"), None);
        assert_eq!(taxonomy.find_by_path(""), None);
    }

    #[test]
    fn find_by_name_prefers_the_shallowest_then_first_declared() {
        let taxonomy = sample();
        assert_eq!(taxonomy.find_by_name("  trail RUNNING"), Some(TopicId(11)));
        assert_eq!(taxonomy.find_by_name("golf"), Some(TopicId(13)));
        assert_eq!(
            taxonomy.find_all_by_name("Golf"),
            &[TopicId(13), TopicId(21)]
        );
        assert_eq!(taxonomy.find_by_name("curling"), None);
    }
}
