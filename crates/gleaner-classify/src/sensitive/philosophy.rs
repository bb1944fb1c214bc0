//! Philosophical beliefs: convictions that guide a life (ethical veganism,
//! pacifism, humanism, antinatalism, conscientious objection), stated as the
//! person's own.
//!
//! Plant-based food on its own is weak (`vegan recipes`); a stated
//! conviction is strong (`as an ethical vegan`, `I'm vegan`).

/// Phrases (markers: `~` weak, `=` case-sensitive, `*` prefix).
pub(super) const PHRASES: &[&str] = &[
    // English.
    "ethical vegan*", "ethical veganism", "veganism", "i m vegan", "i am vegan", "i m a vegan",
    "i am a vegan", "as a vegan", "went vegan", "going vegan", "became vegan", "vegan for ethical",
    "vegan for the animals", "~vegan", "~vegans", "~plant based", "~vegetarian", "~vegetarians",
    "i m vegetarian", "i am vegetarian", "i m a vegetarian", "as a vegetarian",
    "ethical vegetarian", "animal rights", "animal liberation", "anti speciesis*",
    "antispeciesis*", "speciesism", "cruelty to animals is", "i don t eat animals",
    "i don t use animal products", "no animal products", "~cruelty free", "~ethical",
    "my ethics", "my values", "my beliefs", "my convictions", "my conscience",
    "moral convictions", "moral beliefs", "philosophical beliefs", "philosophy of life",
    "~philosophy", "my philosophy", "~worldview", "~world view", "atheist*", "atheism", "agnostic*", "agnosticism", "non believer*", "nonbeliever*", "nonbelieving", "non religious household", "secular household", "secular family", "secular officiant", "humanist*", "humanism",
    "secular humanis*", "freethinker*", "skeptic movement", "~stoic",
    "~stoics", "~stoicism", "~stoic philosophy", "live as a stoic", "live like a stoic", "live by stoicism", "living by stoicism", "practicing stoic*", "practising stoic*", "practice stoicism", "stoic practice", "~existentialis*", "~nihilis*", "~absurdism",
    "~objectivis*", "~utilitarian*", "effective altruis*", "longtermis*", "transhumanis*",
    "pacifis*", "conscientious objector*", "~non violence", "~nonviolence", "ahimsa",
    "antinatalis*", "anti natalis*", "childfree by choice", "~child free", "~childfree",
    "voluntary simplicity", "~minimalist lifestyle", "straight edge lifestyle", "i m straight edge", "freegan*",
    "~zero waste lifestyle", "degrowth", "anti consumeris*", "anticonsumeris*",
    "anti capitalis*", "anticapitalis*", "~anti vax*", "~antivax*", "~anti vaccine",
    "~conspiracy", "flat earth*", "~spiritual but not religious", "new age beliefs",
    "~astrology believer", "~karma", "~law of attraction", "~manifesting",
    // Spanish.
    "vegano etico", "vegana etica", "veganismo", "soy vegano", "soy vegana", "~vegano",
    "~vegana", "~veganos", "~vegetariano", "~vegetariana", "soy vegetariano", "soy vegetariana",
    "derechos de los animales", "derechos animales", "antiespecis*", "especismo",
    "mis valores", "mis creencias", "mis convicciones", "~filosofia de vida", "mi filosofia",
    "ateo", "atea", "ateos", "ateas", "ateismo", "agnostico*", "agnostica*", "no creyente*", "humanista*", "pacifista*", "vivir como estoic*", "como estoico", "como estoica", "pacifismo", "objetor de conciencia", "no violencia",
    "antinatalis*", "estoicismo", "~estoico", "nihilismo", "existencialismo",
    "anticapitalis*", "antivacunas",
    // Portuguese.
    "vegano etico", "vegana etica", "veganismo", "sou vegano", "sou vegana", "~vegano",
    "~vegana", "~vegetariano", "sou vegetariano", "sou vegetariana", "direitos dos animais",
    "direitos animais", "antiespecis*", "especismo", "meus valores", "minhas crencas",
    "minhas conviccoes", "~filosofia de vida", "minha filosofia", "ateu", "ateia", "ateus", "ateias", "ateismo", "agnostico", "agnostica", "agnosticos", "nao crente*", "humanista", "pacifista", "viver como estoic*", "como estoica", "como estoico",
    "pacifismo", "objetor de consciencia", "nao violencia", "antinatalis*", "estoicismo",
    "niilismo", "existencialismo", "antivacina*",
    // French.
    "~vegane", "~veganes", "veganisme", "je suis vegan", "je suis vegane", "je suis vegetalien",
    "je suis vegetalienne", "je suis vegetarien", "je suis vegetarienne", "~vegetalien*",
    "~vegetarien*", "vegan ethique", "vegane ethique", "antispecis*", "specisme",
    "droits des animaux", "cause animale", "condition animale", "mes valeurs", "mes convictions",
    "mes croyances", "~philosophie de vie", "ma philosophie", "athee", "athees", "atheisme", "agnostique*", "agnosticisme", "non croyant*", "humaniste*", "pacifiste*", "en stoicien*", "vivre en stoicien*", "comme un stoicien", "~stoicien*",
    "pacifisme", "objecteur de conscience", "non violence", "antinatalis*", "stoicisme",
    "nihilisme", "existentialisme", "libre penseur", "libre pensee", "~laicite",
    "decroissance", "antivax",
];
