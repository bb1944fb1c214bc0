//! Sexual orientation, gender identity and sex life.
//!
//! Identity words, same-sex couples (`two grooms`, `dos novias`, `deux
//! mariées`), coming out, transition, LGBTQ venues and events, and sex-life
//! words (toys, hook-ups, kinks). `pride`, `trans`, `bi` and `coming out` are
//! weak on their own.

/// Phrases (markers: `~` weak, `=` case-sensitive, `*` prefix).
pub(super) const PHRASES: &[&str] = &[
    // English: identities.
    "gay", "gays", "gay man", "gay men", "lesbian*", "bisexual*", "~bi", "homosexual*",
    "heterosexual*", "~straight man", "~straight woman", "~i m straight", "~i am straight",
    "queer", "lgbt*", "lgbtq*", "lgbtqia*", "glbt", "transgender*", "~trans", "trans woman",
    "trans women", "trans man", "trans men", "trans person", "trans people", "trans kid",
    "trans daughter", "trans son", "i m trans", "i am trans", "as a trans", "transsexual*",
    "nonbinary", "non binary", "enby", "genderqueer", "genderfluid", "gender fluid",
    "agender", "intersex", "two spirit", "asexual*", "aromantic", "demisexual*", "pansexual*",
    "sapphic", "achillean", "cisgender", "questioning my sexuality", "my sexuality",
    "sexual orientation", "my orientation", "gender identity", "my gender identity",
    "my pronouns", "~pronouns", "they them pronouns", "misgender*",
    "deadname*", "dead name", "gender dysphoria", "dysphoria", "gender euphoria",
    // English: couples and family.
    "two grooms", "two brides", "two dads", "two moms", "two mums", "two mothers",
    "two fathers", "my husband and i two", "my wife and i two", "same sex", "same gender couple",
    "gay couple", "lesbian couple", "gay wedding", "lesbian wedding", "gay marriage",
    "same sex marriage", "marriage equality", "my boyfriend and i are both", "my girlfriend and i are both",
    "i have a husband and i m a man", "as a man married to a man", "as a woman married to a woman",
    "my husband and i are both men", "my wife and i are both women", "rainbow family",
    "~civil union", "~domestic partner*",
    // English: coming out, transition.
    "~coming out", "came out as", "come out as", "coming out as", "come out to my",
    "came out to my", "coming out to my", "out of the closet", "closeted",
    "my transition", "transitioning", "medical transition", "social transition",
    "gender affirming", "gender confirming", "gender reassignment", "sex reassignment",
    "top surgery", "bottom surgery", "=HRT", "hormone replacement therapy", "on hormones",
    "testosterone shots", "estrogen patches", "chest binder", 
    "tucking underwear", "name change after transition", "legal gender",
    // English: scenes, venues, events, apps.
    "gay pride", "pride parade", "pride march", "pride month", "pride flag", "pride festival",
    "pride event*", "pride week", "pride party", "pride outfit", "~pride", "rainbow flag",
    "gay bar*", "lesbian bar*", "gay club*", "queer bar", "gay village", "gay district",
    "gay cruise", "gay friendly", "lgbt friendly", "queer friendly", "drag show*", "~drag queen*",
    "~drag king*", "ballroom scene", "grindr", "scruff app", "her app", "lex app", "jackd",
    "gay dating", "lesbian dating", "gay sauna", "bathhouse", "stonewall", "trevor project",
    "glaad", "pflag", "it gets better project",
    // English: sex life.
    "sex life", "my sex life", "sex toy*", "vibrator*", "dildo*", "butt plug*", "cock ring*",
    "lubricant for sex", "personal lubricant", "condom*", "~kink", "kinky sex", "bdsm", "~fetish*",
    "polyamor*", "polyamory", "open relationship", "swinger*", "threesome*", "friends with benefits",
    "one night stand", "hook up with", "hooking up with", "~hookup*", "sexting", "nudes",
    "porn", "porno", "pornography", "onlyfans", "sexual partner*", "sexual preferences",
    "in bed with my partner", "spice up our sex", "spice things up in the bedroom",
    "lingerie for my boyfriend", "sexual fantas*", "orgasm*", "libido", "sex drive",
    "celibate", "celibacy", "virginity", "lost my virginity", "~dating app*", "~tinder",
    "~bumble", "~hinge",
    // Spanish.
    "gay", "lesbiana*", "bisexual*", "homosexual*", "heterosexual*", "transgenero*",
    "transexual*", "mujer trans", "hombre trans", "persona trans", "soy trans", "no binario",
    "no binaria", "no binarie", "queer", "asexual", "pansexual", "orientacion sexual",
    "identidad de genero", "mis pronombres", "salir del armario", "sali del armario",
    "salir del closet", "sali del closet", "dos novios", "dos novias", "dos maridos",
    "dos esposas", "dos mamas", "mi marido y yo dos", "pareja gay",
    "pareja de lesbianas", "pareja del mismo sexo", "boda gay", "matrimonio igualitario",
    "matrimonio gay", "mismo sexo", "orgullo gay", "marcha del orgullo", "desfile del orgullo",
    "~orgullo", "bandera arcoiris", "bar gay", "ambiente gay", "transicion de genero",
    "mi transicion", "hormonacion", "terapia hormonal", "juguetes sexuales", "juguete sexual",
    "vida sexual", "mi vida sexual", "condones", "preservativo*", "lubricante intimo",
    "vibrador*", "relacion abierta", "poliamor*",
    // Portuguese.
    "gay", "lesbica*", "bissexual*", "homossexual*", "heterossexual*", "transgenero",
    "transexual", "travesti*", "mulher trans", "homem trans", "pessoa trans", "sou trans",
    "nao binario", "nao binaria", "orientacao sexual", "identidade de genero", "sair do armario", "me assumi gay", "me assumi lesbica", "me assumi bissexual",
    "sai do armario", "dois noivos", "duas noivas", "dois maridos",
    "duas esposas", "duas maes", "casal gay", "casal de lesbicas",
    "casal do mesmo sexo", "casamento gay", "casamento homoafetivo", "homoafetivo*",
    "mesmo sexo", "parada do orgulho", "parada gay", "orgulho lgbt", "~orgulho",
    "bandeira arco iris", "balada gay", "boate gay", "transicao de genero", "minha transicao",
    "vida sexual", "brinquedos sexuais", "brinquedo sexual", "camisinha*", "preservativo*",
    "lubrificante intimo", "vibrador*", "sex shop", "relacionamento aberto", "poliamor",
    // French.
    "gay", "homo", "homos", "lesbienne*", "bisexuel*", "bisexuelle*", "homosexuel*",
    "homosexualite", "heterosexuel*", "transgenre*", "transsexuel*", "femme trans",
    "homme trans", "personne trans", "je suis trans", "non binaire", "orientation sexuelle",
    "identite de genre", "mes pronoms", "mon coming out", "faire mon coming out",
    "fait mon coming out", "deux mariees", "~deux maries", "deux maris", "deux epouses",
    "~deux papas", "deux mamans", "mon mari et moi deux hommes", "mon mari et moi sommes deux hommes",
    "ma femme et moi deux femmes", "couple gay", "couple homo", "couple de lesbiennes",
    "couple de femmes", "couple d hommes", "couple de meme sexe", "mariage gay",
    "mariage homosexuel", "mariage pour tous", "meme sexe", "marche des fiertes", "~fierte*",
    "drapeau arc en ciel", "bar gay", "le marais gay", "transition de genre", "ma transition",
    "vie sexuelle", "ma vie sexuelle", "sextoy*", "sex toy*", "jouet sexuel", "jouets sexuels",
    "preservatif*", "lubrifiant intime", "vibromasseur*", "couple libre", "polyamour*",
    "plan cul",
];
