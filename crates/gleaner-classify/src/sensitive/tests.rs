use gleaner_core::{Conversation, ConversationText, Role, SensitiveCategory, Turn};

use super::SensitiveDetector;
use SensitiveCategory::{
    Ethnicity, Health, Philosophy, Politics, Religion, SexualOrientation, TradeUnion,
};

fn detector() -> &'static SensitiveDetector {
    static DETECTOR: std::sync::OnceLock<SensitiveDetector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(SensitiveDetector::new)
}

fn categories(text: &str) -> Vec<SensitiveCategory> {
    let mut found: Vec<SensitiveCategory> = detector()
        .detect(&Conversation::from_user_text("test", text))
        .iter()
        .map(|hit| hit.category)
        .collect();
    found.sort();
    found
}

#[track_caller]
fn assert_flags(category: SensitiveCategory, texts: &[&str]) {
    for text in texts {
        let found = categories(text);
        assert!(
            found.contains(&category),
            "expected {category} for {text:?}, found {found:?}"
        );
    }
}

#[track_caller]
fn assert_clean(texts: &[&str]) {
    for text in texts {
        let found = categories(text);
        assert!(
            found.is_empty(),
            "expected nothing for {text:?}, found {found:?}"
        );
    }
}

#[test]
fn incidental_health_mentions_in_commercial_requests() {
    assert_flags(
        Health,
        &[
            "since my MS diagnosis I need boots with ankle support",
            "Since my ms diagnosis I need boots with ankle support",
            "desde mi diagnóstico de esclerosis múltiple necesito botas con soporte de tobillo",
            "desde o meu diagnóstico de esclerose múltipla preciso de botas com apoio no tornozelo",
            "depuis mon diagnostic de sclérose en plaques il me faut des bottes qui tiennent la cheville",
            "what running shoes work with plantar fasciitis?",
            "I'm 20 weeks pregnant, which hiking trails are easy?",
            "estoy embarazada, ¿qué mochila me recomiendas?",
            "estou grávida e quero um sofá confortável",
            "je suis enceinte, quel matelas choisir ?",
            "my son uses a wheelchair, which theme parks are accessible?",
            "I've been sober for two years, any mocktail recipes?",
            "I'm on Ozempic, what snacks should I pack for the trip?",
            "I did a genetic test and I carry the BRCA1 mutation",
            "gift ideas for someone just out of chemo",
            "I have ADHD, which planner app helps?",
            "best headphones for tinnitus",
            "since my depression got better I want to start running",
        ],
    );
}

#[test]
fn identity_statements() {
    assert_flags(
        Religion,
        &[
            "as a Sikh man I need a helmet that fits over my turban",
            "como sikh, ¿dónde puedo comprar un turbante?",
            "como sij necesito un casco",
            "en tant que musulman je cherche un restaurant halal",
            "sou evangélico e procuro um presente para o pastor da minha igreja",
        ],
    );
    assert_flags(
        SexualOrientation,
        &[
            "my husband and I, two grooms, want a honeymoon in Lisbon",
            "mi marido y yo, dos novios, buscamos un hotel",
            "meu marido e eu, dois noivos, queremos uma lua de mel",
            "mon mari et moi sommes deux hommes et cherchons un hôtel",
            "nous sommes deux mariées et cherchons un photographe",
            "as a trans woman, which swimsuit brands are good?",
            "I came out as bisexual last year",
        ],
    );
    assert_flags(
        Philosophy,
        &[
            "as an ethical vegan I need hiking boots without leather",
            "como vegano ético busco botas sin cuero",
            "sou vegana e procuro sapatos",
            "je suis végane, quelles chaussures ?",
        ],
    );
    assert_flags(
        Ethnicity,
        &[
            "as a Black woman, which foundation shades work for me?",
            "soy afrodescendiente y busco productos para cabello afro",
            "sou negra e quero produtos para cabelo crespo",
            "je suis noire, quel fond de teint choisir ?",
        ],
    );
}

#[test]
fn practices_that_reveal_a_category() {
    assert_flags(
        Religion,
        &[
            "plan an iftar menu for 12",
            "tips for keeping kosher while travelling",
            "menú para romper el ayuno del ramadán",
            "où trouver de la viande halal à Lyon",
        ],
    );
    assert_flags(
        TradeUnion,
        &[
            "I'm the shop steward, how do I run the meeting?",
            "soy delegado sindical en mi empresa",
            "o sindicato marcou greve para segunda",
            "je suis délégué syndical",
            "nous sommes en grève demain",
            "la huelga general del jueves",
            "going on strike next week, what to bring to the picket line",
        ],
    );
    assert_flags(
        Politics,
        &[
            "I'm canvassing for a party this weekend, what shoes?",
            "voy a votar a la izquierda",
            "vou votar no Lula",
            "je vais voter pour la gauche aux élections",
            "who should I vote for in the midterms?",
        ],
    );
}

#[test]
fn near_misses_do_not_trigger() {
    assert_clean(&[
        "How do I get from Union Station to the hotel?",
        "How do I write a SQL UNION query?",
        "use UNION ALL to combine both selects",
        "black leather boots size 42",
        "un pain au chocolat et un café s'il vous plaît",
        "how to strike a match in the wind",
        "we saw a pride of lions on safari",
        "a family reunion in July",
        "the European Union member states and tariffs on shoes",
        "is Mass Effect worth replaying?",
        "I need to reach critical mass on the newsletter",
        "what's my body mass index for my height",
        "how do I share my screen in MS Teams",
        "botas de cuero negro talla 40",
        "botas pretas de couro",
        "des bottes en cuir noir",
        "best budget enceinte bluetooth",
        "I lent my bike to a friend",
        "booking confirmation for my flight",
        "running shoes for a marathon",
        "first aid kit for hiking",
        "Cristiano Ronaldo jersey",
        "progressive lenses for reading",
        "conservative estimate of the budget",
        "rally car racing games",
        "a credit union savings account",
        "baptême de l'air en montgolfière",
        "hearing the strikers score in the derby",
        "a white picket fence for the garden",
        "comprar calzado deportivo",
    ]);
}

#[test]
fn only_the_third_turn_is_sensitive() {
    let turns = [
        (Role::User, "Which boots for a 3-day trek?"),
        (
            Role::Assistant,
            "Look for waterproof mid-cut boots with good grip.",
        ),
        (
            Role::User,
            "Good. Since my MS diagnosis I also need ankle support.",
        ),
    ];
    let conversation = Conversation {
        id: "c-1".to_owned(),
        turns: turns
            .iter()
            .map(|(role, text)| Turn {
                role: *role,
                text: ConversationText::new(*text),
            })
            .collect(),
    };
    let hits = detector().detect(&conversation);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].category, Health);
    let rules = detector().rule_matches(&conversation);
    assert!(rules.iter().all(|found| found.turn == 2));
}

#[test]
fn spouses_alone_are_not_sensitive_but_same_gender_couples_are() {
    assert_clean(&[
        "my wife and I and our two girls need a hotel in Rome",
        "mon mari et moi cherchons un gîte en Bretagne",
        "mi marido y yo queremos una casa rural",
        "meu marido e eu queremos um hotel em Gramado",
        "my boyfriend and I want a cabin in the mountains",
    ]);
    assert_flags(
        SexualOrientation,
        &[
            "me and my girlfriend are two women travelling to Bali, is it safe?",
            "mi esposa y yo, dos mujeres, vamos de luna de miel",
            "eu e meu noivo, dois homens, vamos casar em BH",
            "ma copine et moi, deux femmes, cherchons un lit double",
        ],
    );
}

#[test]
fn origins_count_only_when_said_of_a_person() {
    assert_flags(
        Ethnicity,
        &[
            "I'm half Japanese and want to learn more about my grandparents",
            "we're Pakistani and the landlord keeps saying 'you people'",
            "somos marroquíes y no nos renuevan el alquiler",
            "mes enfants sont à moitié kabyles",
            "sou nissei e fiz um teste de ancestralidade",
        ],
    );
    assert_clean(&[
        "I love Japanese food, best ramen in Paris?",
        "I'm a Nigerian passport holder, do I need a visa for Ghana?",
        "comida mexicana para 10 personas",
        "cuisine coréenne facile pour débutants",
        "I'm Indian restaurant hunting in Leeds",
    ]);
}

#[test]
fn two_weak_phrases_flag_but_one_does_not() {
    assert_clean(&["the union met yesterday"]);
    assert_flags(TradeUnion, &["the union called a walkout"]);
}

#[test]
fn blocked_matches_are_visible_for_debugging() {
    let conversation = Conversation::from_user_text("c", "Union Station");
    let rules = detector().rule_matches(&conversation);
    assert!(rules
        .iter()
        .any(|found| found.blocked && found.category == Some(TradeUnion)));
    assert!(rules.iter().any(|found| found.category.is_none()));
}

#[test]
fn every_list_entry_compiles_to_a_phrase() {
    let files = super::lexicon::bundled();
    for category in SensitiveCategory::ALL {
        let phrases: Vec<String> = files
            .iter()
            .filter(|file| ["en", "es", "pt", "fr"].contains(&file.lang))
            .flat_map(|file| &file.entries)
            .filter(|entry| {
                entry.role == super::lexicon::Role::Phrase && entry.category == Some(category)
            })
            .map(super::lexicon::Entry::marked)
            .collect();
        for raw in &phrases {
            assert!(
                crate::phrase::PhraseSpec::parse(raw).is_some(),
                "{category}: {raw:?} has no word"
            );
        }
        assert!(
            phrases.len() >= 100,
            "{category} has only {} phrases",
            phrases.len()
        );
    }
    assert!(detector().rule_count() > 2000);
    println!(
        "sensitive rules: {}, automata: {} KiB",
        detector().rule_count(),
        detector().memory_usage() / 1024
    );
}

/// Tuning aid: `category<TAB>text` lines from /tmp/probe.txt (`none` for a
/// near miss); prints each disagreement.
#[test]
#[ignore = "reads /tmp/probe.txt; a tuning aid"]
fn probe_file() {
    let Ok(text) = std::fs::read_to_string("/tmp/probe.txt") else {
        return;
    };
    let mut wrong = 0;
    for line in text.lines() {
        let Some((label, sentence)) = line.split_once('\t') else {
            continue;
        };
        let found = categories(sentence);
        let ok = if label == "none" {
            found.is_empty()
        } else {
            found.contains(&label.parse().unwrap())
        };
        if !ok {
            wrong += 1;
            let fired: Vec<String> = detector()
                .rule_matches(&Conversation::from_user_text("p", sentence))
                .iter()
                .map(|m| {
                    format!(
                        "{}{}",
                        if m.blocked { "x:" } else { "" },
                        detector().rule_source(m.rule)
                    )
                })
                .collect();
            println!(
                "PROBE {label} -> {found:?} | {sentence} | {}",
                fired.join(" ; ")
            );
        }
    }
    println!("probe: {wrong} wrong");
}

#[test]
fn medical_question_frames_and_word_endings() {
    assert_flags(
        Health,
        &[
            "what are the symptoms of Marshall syndrome?",
            "is familial hypercholesterolemia inherited",
            "how is eosinophilic esophagitis treated",
            "my doctor switched me to pantoprazole",
            "sintomas de la enfermedad de Crohn",
            "tratamento para doenca celiaca",
            "effets secondaires de mon traitement",
        ],
    );
    assert_clean(&[
        "how can i get a copy of my w2 for tax purposes",
        "send my diploma to the registrar",
        "mute the speakers for ten minutes",
        "Sex and the City or And Just Like That, which is better for a binge",
    ]);
}

#[test]
fn paraphrased_mental_health_states() {
    assert_flags(
        Health,
        &[
            "haven't been able to get out of bed for weeks",
            "I keep getting panic attacks at work",
            "llevo días sin poder levantarme de la cama",
            "tenho tido crises de pânico no ônibus",
            "je fais des crises d'angoisse le soir",
        ],
    );
}

#[test]
fn origins_and_descriptors_said_of_people() {
    assert_flags(
        Ethnicity,
        &["the Chinese family next door", "black kids at school"],
    );
    assert_flags(
        SexualOrientation,
        &["straight guys never get it", "a bi woman"],
    );
    assert_flags(
        Politics,
        &["my conservative parents", "a socialist friend of mine"],
    );
    assert_flags(Religion, &["a Druze mother", "Unitarian friends"]);
    assert_flags(Philosophy, &["secular people", "an atheist coworker"]);
    assert_flags(Health, &["a blind man crossing", "deaf students"]);
    assert_clean(&[
        "Indian leather boots",
        "a straight line",
        "blind spot monitor",
    ]);
}

#[test]
fn strike_action_and_organizing_as_people_say_it() {
    assert_flags(
        TradeUnion,
        &[
            "we're out on the line until they give us a fair contract",
            "should I cross the picket line",
            "estamos en huelga desde el lunes",
            "estamos em greve desde segunda",
            "on fait grève jeudi devant l'usine",
        ],
    );
    assert_clean(&[
        "he has been on a hunger strike for a week",
        "the local library opens at nine",
    ]);
}

#[test]
fn political_activity_as_people_say_it() {
    assert_flags(
        Politics,
        &[
            "I signed a petition against the new highway",
            "going to the march downtown on saturday",
            "voy a votar en las elecciones",
            "vou votar no domingo",
            "aide-moi à rédiger une pétition pour la mairie",
            "soy concejal de mi pueblo",
            "sou de esquerda desde sempre",
            "je suis de gauche",
            "help me with my campaign speech",
        ],
    );
    assert_clean(&["como votar no paredão do BBB pelo celular?"]);
}

#[test]
fn convictions_and_coming_out_in_four_languages() {
    assert_flags(
        Philosophy,
        &[
            "as a stoic I try not to complain",
            "no creo en dios",
            "não acredito em deus",
            "je ne crois pas en dieu",
        ],
    );
    assert_flags(
        Religion,
        &[
            "I wear a hijab, sporty outfit ideas",
            "llevo el velo en el trabajo",
            "uso o véu desde os 15",
            "je porte le voile",
        ],
    );
    assert_flags(
        SexualOrientation,
        &[
            "I came out to my sister",
            "salí del armario el año pasado",
            "saí do armário com meus pais",
            "j'ai fait mon coming out",
        ],
    );
}
