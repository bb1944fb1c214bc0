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
    "two grooms", "we re both women", "we re both men", "we are both women", "we are both men", "both women", "both men", "homophob*", "transphob*", "biphob*", "lesbophob*", "~binder", "~binders", "two brides", "two dads", "two moms", "two mums", "two mothers",
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
    "lubricant for sex", "personal lubricant", "condom", "condoms", "~kink", "kinky sex", "bdsm", "~fetish*",
    "polyamor*", "polyamory", "open relationship", "swinger*", "threesome*", "friends with benefits",
    "one night stand", "hook up with", "hooking up with", "~hookup*", "sexting", "=PrEP", "prep pills", "on prep", "nudes",
    "porn", "porno", "pornography", "onlyfans", "sexual partner*", "sexual preferences",
    "in bed with my partner", "spice up our sex", "spice things up in the bedroom",
    "lingerie for my boyfriend", "sexual fantas*", "orgasm*", "libido", "sex drive",
    "celibate", "celibacy", "virginity", "lost my virginity", "~dating app*", "~tinder",
    "~bumble", "~hinge",
    // Spanish.
    "gay", "lesbiana*", "bisexual*", "homosexual*", "heterosexual*", "transgenero*",
    "transexual*", "mujer trans", "chico trans", "chica trans", "soy un chico trans", "soy una chica trans", "~tratamiento hormonal", "~cambiar mi nombre", "~transicion", "sale del armario", "salgo del armario", "saliendo del armario", "homofob*", "transfob*", "hombre trans", "persona trans", "soy trans", "no binario",
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
    "transexual", "travesti*", "mulher trans", "menino trans", "menina trans", "casal de mulheres", "casal de homens", "casal de meninas", "casal de meninos", "nome social", "homofob*", "transfob*", "homem trans", "pessoa trans", "sou trans",
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
    "homosexualite", "heterosexuel*", "transgenre*", "transsexuel*", "femme trans", "garcon trans", "fille trans", "je suis un garcon trans", "je suis une fille trans", "deux hommes maries", "deux femmes mariees", "homophob*", "transphob*",
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

/// Words for one's partner or spouse. On their own they say nothing (the
/// speaker's gender is unknown); with a [`SAME_GENDER`] phrase in the same
/// conversation they reveal a same-sex couple.
const PARTNER: &[&str] = &[
    "my girlfriend", "my boyfriend", "my wife", "my husband", "my fiance", "my fiancee", "married", "our anniversary", "mi novia", "mi novio", "mi esposa", "mi marido", "mi mujer", "mi pareja", "mi prometido", "mi prometida", "minha namorada", "meu namorado", "minha esposa", "meu marido", "minha mulher", "meu noivo", "minha noiva", "casados", "casadas", "ma copine", "mon copain", "ma femme", "mon mari", "ma compagne", "mon compagnon", "maries", "mariees",
    "we re married", "our wedding", "our honeymoon", "luna de miel", "lua de mel", "notre mariage",
    "voyage de noces", "nuestra boda", "nosso casamento", "anniversary", "aniversario",
    "anniversaire de mariage", "honeymoon",
];

/// Phrases saying two people of the same gender.
const SAME_GENDER: &[&str] = &[
    "two women", "two men", "two guys", "dos mujeres", "dos hombres", "dois homens", "duas mulheres", "dois caras", "deux femmes", "deux hommes", "deux filles",
    "we re both women", "we re both men", "both of us are women", "both of us are men",
    "as two women", "as two men", "somos dos chicos", "somos dos chicas", "somos dos mujeres", "somos dos hombres", "somos duas mulheres",
    "somos dois homens", "on est deux femmes", "on est deux hommes",
];

/// Sex-life products that, bought with a partner in mind, reveal sex life.
const INTIMATE_PRODUCTS: &[&str] = &["lube", "lubricant", "toys", "lubricante", "lubrificante", "lubrifiant"];

/// Pairs of phrase lists: the category is touched when one phrase of each
/// list occurs anywhere in the conversation.
pub(super) const PAIRS: &[(&[&str], &[&str])] = &[(PARTNER, SAME_GENDER), (PARTNER, INTIMATE_PRODUCTS)];
