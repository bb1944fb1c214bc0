//! The topic keyword file: `topic_id\tlang\tphrase`, one phrase a line.

use gleaner_core::TopicId;
use gleaner_taxonomy::Taxonomy;

use crate::error::ClassifyError;
use crate::phrase::PhraseSpec;

/// The keyword file bundled with this crate.
pub const EMBEDDED_TOPIC_KEYWORDS: &str = include_str!("../../data/topic_keywords.tsv");

/// Function words of English, Spanish, Portuguese and French. Accent folding
/// can turn a keyword into one of these (French `thé` folds to English
/// `the`, Spanish `té` to the pronoun `te`), and a keyword that matches every
/// sentence is noise, so one-word keywords that fold to a function word are
/// skipped when the file is loaded.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "is", "are", "be",
    "it", "i", "you", "my", "me", "we", "our", "this", "that", "as", "by", "from", "so", "do",
    "not", "no", "yes", "can", "will", "what", "how", "but", "if", "up", "out", "all", "el", "la",
    "los", "las", "de", "del", "y", "o", "en", "un", "una", "que", "se", "te", "mi", "tu", "su",
    "por", "para", "con", "es", "al", "lo", "le", "les", "si", "ya", "mas", "muy", "como", "pero",
    "os", "as", "do", "da", "dos", "das", "e", "em", "na", "um", "uma", "meu", "minha", "pra",
    "com", "ao", "muito", "mas", "des", "du", "et", "ou", "qui", "ma", "mon", "ta", "ton", "sa",
    "son", "pour", "par", "avec", "est", "au", "aux", "ne", "pas", "plus", "tres", "comme", "mais",
    "ce", "il", "elle", "je", "tout", "sur",
];

/// One parsed keyword line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TopicKeyword {
    pub(crate) topic: TopicId,
    pub(crate) lang: String,
    pub(crate) spec: PhraseSpec,
}

/// Parses the keyword file. Every topic id must exist in the taxonomy;
/// empty lines and lines starting with `#` are skipped.
pub(crate) fn parse_topic_keywords(
    tsv: &str,
    taxonomy: &Taxonomy,
) -> Result<Vec<TopicKeyword>, ClassifyError> {
    let mut lines = tsv.lines().enumerate();
    let header_ok = lines.next().is_some_and(|(_, header)| {
        header
            .trim_end()
            .split('\t')
            .eq(["topic_id", "lang", "phrase"])
    });
    if !header_ok {
        return Err(ClassifyError::MissingKeywordHeader);
    }
    let mut keywords = Vec::new();
    for (index, raw_line) in lines {
        let line_number = index + 1;
        let line = raw_line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| ClassifyError::BadKeywordLine {
            line: line_number,
            reason,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [topic_field, lang_field, phrase_field] = fields[..] else {
            return Err(bad(format!(
                "expected 3 tab-separated fields, found {}",
                fields.len()
            )));
        };
        let topic = topic_field
            .trim()
            .parse::<u32>()
            .map(TopicId)
            .map_err(|_| bad(format!("topic id `{}` is not a number", topic_field.trim())))?;
        if !taxonomy.contains(topic) {
            return Err(bad(format!("topic id {topic} is not in the taxonomy")));
        }
        let lang = lang_field.trim();
        if lang.is_empty() || !lang.chars().all(|letter| letter.is_ascii_lowercase()) {
            return Err(bad(format!("language `{lang}` is not a lower-case code")));
        }
        let spec = PhraseSpec::parse(phrase_field)
            .ok_or_else(|| bad("the phrase has no letter or digit".to_owned()))?;
        if FUNCTION_WORDS.contains(&spec.words.as_str()) {
            continue;
        }
        keywords.push(TopicKeyword {
            topic,
            lang: lang.to_owned(),
            spec,
        });
    }
    Ok(keywords)
}
