//! Racial or ethnic origin: identity statements, heritage, racism
//! experienced, and practices or products chosen for it (afro hair care).
//!
//! Colour words alone (`black`, `negro`, `preto`, `noir`) and nationalities
//! alone (`Mexican food`) never match: only phrases about a person do.

/// Phrases (markers: `~` weak, `=` case-sensitive, `*` prefix).
pub(super) const PHRASES: &[&str] = &[
    // English: identity statements.
    "my ethnicity", "ethnicity", "hmong", "kichwa", "zapotec*", "ojibwe", "kabyle*", "aymara*", "mapuche*", "quilombola*", "enfant noir", "enfants noirs", "seul noir", "seule noire", "nom africain", "nom arabe", "teste de ancestralidade", "ancestralidade", "ancestria", "ancestry test*", "test d ascendance", "ethnic background", "ethnic origin", "ethnic minority",
    "ethnic minorities", "~ethnic", "my race", "racial identity", "racially", "mixed race",
    "biracial", "multiracial", "my heritage", "~heritage", "my ancestry", "~ancestry",
    "~my roots", "my ancestors", "as a black", "i m black", "i am black", "black woman",
    "black women", "black man", "black men", "black person", "black people", "black community",
    "black girl", "black girls", "black boy", "black boys", "black family", "black owned",
    "black businesses", "black hair care", "black skin", "african american*", "afro american",
    "afro caribbean", "afro latin*", "afro descendant*", "african descent", "of african descent",
    "caribbean heritage", "west indian", "person of color", "person of colour",
    "people of color", "people of colour", "woman of color", "women of color",
    "man of color", "bipoc", "bame", "~latino", "~latina", "~latinos", "~latinas", "i m latina", "i m latino", "as a latina", "as a latino", "latinx",
    "latine", "hispanic*", "chicano", "chicana", "mexican american", "cuban american",
    "~puerto rican", "dominican american", "asian american*", "as an asian", "i m asian",
    "i am asian", "asian woman", "asian women", "asian man", "asian men", "~asian",
    "east asian", "south asian", "southeast asian", "chinese american", "korean american",
    "japanese american", "filipino american", "vietnamese american", "indian american",
    "~desi", "british asian", "british indian", "british pakistani", "pakistani heritage",
    "punjabi heritage", "arab american", "as an arab", "i m arab", "arab woman", "arab man",
    "~middle eastern", "persian heritage", "native american*", "american indian",
    "first nations", "indigenous", "aboriginal", "torres strait", "maori", "inuit",
    "pacific islander*", "native hawaiian", "alaska native", "sami people", "romani",
    "roma community", "~gypsy", "traveller community", "irish traveller*", "caucasian",
    "white person", "white people", "i m white", "as a white", "white woman", "white man",
    "jewish heritage", "ashkenazi", "sephardic", "mizrahi", "armenian heritage",
    "~kurdish", "amazigh", "tamil heritage", "uyghur", "rohingya", "immigrant family",
    "~immigrant", "~immigrants", "first generation immigrant",
    "~diaspora", "~my people", "~my culture", 
    // English: racism, discrimination, products.
    "racism", "racist", "racial discrimination", "racial profiling", "racially profiled",
    "hate crime", "microaggression*", "~discrimination", "~discriminated", "afro hair",
    "afro textured", "kinky hair", "coily hair", "4c hair", "4b hair", "type 4 hair",
    "natural hair for black", "hair for black women", "relaxer for", "durag", "du rag",
    "foundation for dark skin", "makeup for black", "makeup for dark skin", "~melanin",
    "~skin of color", "dna ancestry", "ancestry results", "ethnicity estimate",
    "ethnicity results", "~genealogy", "family tree dna", "heritage dna",
    // Spanish.
    "etnia", "mi etnia", "origen etnico", "origen racial", "mi raza", "~raza", "racismo",
    "racista", "discriminacion racial", "mestizo", "mestiza", "mulato", "mulata", "~indigena*",
    "pueblo indigena", "pueblos originarios", "afrodescendiente*", "afroamericano*",
    "afrolatino*", "afrocolombian*", "soy negra", "soy negro", "mujer negra", "hombre negro",
    "persona negra", "personas negras", "comunidad negra", "gente negra", "soy latina",
    "soy latino", "soy gitano", "soy gitana", "~gitano", "~gitana", "pueblo gitano",
    "comunidad gitana", "mapuche", "aymara", "~guarani", "soy asiatica",
    "soy asiatico", "~inmigrante*", "~mis raices", "~mis origenes", "cabello afro", "pelo afro",
    "rizos afro", "~piel oscura", 
    // Portuguese.
    "minha etnia", "origem etnica", "minha raca", "~raca", "racismo", "racista",
    "discriminacao racial", "injuria racial", "~pardo", "~parda", "sou pardo", "sou parda", "sou negra",
    "sou negro", "sou preta", "sou preto", "mulher negra", "homem negro", "pessoa negra",
    "pessoas negras", "pessoa preta", "pessoas pretas", "comunidade negra", "~afro",
    "afro brasileir*", "afrodescendente*", "quilombola*", "quilombo", "~indigena",
    "povos indigenas", "aldeia indigena", "cigano", "cigana", "~imigrante*", "cabelo afro",
    "cabelo crespo", "cabelo cacheado afro", "pele negra", "pele retinta", "colorismo",
    "consciencia negra",
    // French.
    "mon ethnie", "ethnie", "origine ethnique", "origines ethniques", "ma race", "racisme",
    "raciste", "discrimination raciale", "controle au facies", "metis", "metisse",
    "je suis noir", "je suis noire", "femme noire", "femmes noires", "homme noir",
    "hommes noirs", "personne noire", "personnes noires", "communaute noire", "afro descendant*",
    "antillais", "antillaise", "maghrebin*", "beur", "beurette", "rebeu", "renoi",
    "d origine algerienne", "d origine marocaine", "d origine tunisienne", "d origine africaine",
    "d origine senegalaise", "d origine malienne", "d origine asiatique", "d origine vietnamienne",
    "d origine chinoise", "issu de l immigration", "issue de l immigration",
    "~immigre*", "autochtone*", "gitan", "gitane", "gens du voyage", "cheveux afro",
    "cheveux crepus", "peau noire", "peau metisse", "~mes origines",
];

/// Frames that, right before an origin from [`ORIGINS`], state a person's
/// own or a relative's origin (`I'm` + `Nigerian`, `somos` + `marroquíes`,
/// `d'origine` + `coréenne`). Compiled as `frame origin` phrases.
pub(super) const IDENTITY_FRAMES: &[&str] = &[
    // English.
    "i m", "i am", "im", "i m a", "i am a", "i m an", "i am an", "we re", "we are", "as a", "as an", "half", "i m half", "we re half",
    "my family is", "my parents are", "my mom is", "my mum is", "my dad is", "my mother is",
    "my father is", "my husband is", "my wife is", "my partner is", "my grandma was",
    "my grandpa was", "my grandmother was", "my grandfather was", "my grandparents were",
    "the only", "proud", "born to", "descended from", 
    // Spanish.
    "soy", "somos", "mi familia es", "mis padres son", "mi madre es", "mi padre es",
    "mi abuelo era", "mi abuela era", "mis abuelos eran", "de origen", "de ascendencia",
    "medio", "media", "mitad", "la unica", "el unico", "descendiente de", "descendientes de",
    // Portuguese.
    "sou", "minha familia e", "meus pais sao", "minha mae e", "meu pai e", "meu avo era",
    "minha avo era", "meus avos eram", "de origem", "de ascendencia", "descendente de",
    "descendentes de", "a unica", "o unico", "comunidade", "comunidad",
    // French.
    "je suis", "on est", "nous sommes", "a moitie", "d origine", "ma famille est",
    "mes parents sont", "ma mere est", "mon pere est", "mon grand pere etait",
    "ma grand mere etait", "mes grands parents etaient", "de descendance", "la seule", "le seul",
    "communaute", "sont a moitie",
];

/// Ethnic and national origins of minorities, as word stems in the four
/// languages. Only ever matched after an [`IDENTITY_FRAMES`] frame: `Indian
/// food` or `calzado chino` never match, `I'm half Indian` does.
pub(super) const ORIGINS: &[&str] = &[
    // Broad groups.
    "black", "negro", "negra", "negros", "negras", "preto", "preta", "pretos", "pretas", "noir",
    "noire", "noirs", "noires", "afro*", "african*", "africain*", "african", "asian*",
    "asiatic*", "asiatique*", "latina", "latino", "latinas", "latinos", "latinx", "hispanic*",
    "hispan*", "arab*", "indigenous", "indigena*", "indigene*", "autochtone*", "native",
    "aboriginal", "mestiz*", "mulat*", "pardo", "parda", "metis*", "biracial", "mixed race",
    "mixed", "white", "blanco", "blanca", "branco", "branca", "blanc", "blanche", 
    "caboclo*", "romani", "gitano*", "gitana*", "cigano*", "cigana*",
    "gitan*", "sinti", "traveller*", 
    "desi", "creole", "criollo*", "crioulo*", "creole*",
    // Africa.
    "nigerian*", "nigeriano*", "ghanaian*", "ghaneen*", "ganes*", "senegal*", "malien*", "maliense*",
    "ivorian*", "ivoirien*", "marfileno*", "cameroon*", "camerounais*", "camerun*",
    "congolese", "congoles*", "congolais*", "ethiopian*", "etiope*", "ethiopien*", "eritrean*",
    "eritreo*", "erythreen*", "somali*", "kenyan*", "keniano*", "keniata*", "kenyan",
    "sudanese", "sudanes*", "soudanais*", "guinean*", "guineano*", "guineen*", "angolan*",
    "angolano*", "angolais*", "mozambican*", "mocambicano*", "mozambiqueno*", "mozambicain*",
    "cape verdean*", "cabo verdian*", "caboverdian*", "cap verdien*", "capverdien*",
    "moroccan*", "marroqui*", "marocain*", "marroquino*", "algerian*", "argelino*", "algerien*",
    "tunisian*", "tunecino*", "tunisien*", "tunisiano*", "kabyle*", "kabyl*", "berbere*",
    "amazigh*", "peul*", "peuhl*", "fulani*", "fula", "wolof*", "yoruba*", "igbo*", "hausa*",
    "zulu*", "xhosa*", "haitian*", "haitiano*", "haitien*", "jamaican*", "jamaicano*",
    "jamaicain*", "antillais*", "antillan*", "caribbean", "west indian", "bambara*", "soninke*",
    "malagasy", "malgache*", "comorian*", "comorien*",
    // Asia and the Middle East.
    "japanese", "japones*", "japonais*", "chinese", "chino", "china", "chinos", "chinas",
    "chines*", "chinois*", "korean*", "coreano*", "coreen*", "vietnamese", "vietnamita*",
    "vietnamien*", "filipin*", "philippin*", "thai", "tailandes*", "thailandais*", "indian",
    "indio", "india", "indiano*", "indien*", "indienne*", "pakistani*", "paquistani*",
    "pakistanais*", "paquistanes*", "bangladeshi*", "bengali*", "sri lankan*", "srilankais*",
    "tamil*", "tamoul*", "punjabi*", "panjabi*", "gujarati*", "nepali*", "nepalais*",
    "afghan*", "afgano*", "afegao", "iranian*", "irani*", "iranien*", "persian", "persa",
    "iraqi*", "iraqui*", "irakien*", "iraquiano*", "syrian*", "sirio*", "siria", "syrien*",
    "lebanese", "libanes*", "libanais*", "palestinian*", "palestino*", "palestinien*",
    "jordanian*", "jordano*", "egyptian*", "egipcio*", "egyptien*", "turkish", "turco",
    "turca", "turc", "turque", "kurd*", "curdo*", "armenian*", "armenio*", "armenien*",
    "hmong", "uyghur*", "ouighour*", "uigur*", "nissei", "sansei", "issei", "nikkei",
    "mongol*", "kazakh*", "uzbek*", "chechen*", "tchetchene*", "laotian*", "lao", "cambodian*",
    "camboyano*", "cambodgien*", "khmer", "burmese", "malaysian*", "indonesian*", "indonesio*",
    // The Americas and Oceania.
    "native american*", "first nations", "cherokee*", "navajo*", "ojibwe*", "lakota*",
    "inuit", "mohawk*", "zapotec*", "mixtec*", "nahua*", "mayas", "quechua*",
    "aymara*", "guarani*", "mapuche*", "kichwa*", "quichua*", "terena*", "yanomami*", "tupi*",
    "pataxo*", "guajajara*", "kaingang*", "xavante*", "wayuu", "garifuna*", "maori*",
    "samoan*", "tongan*", "fijian*", "pacific islander*", "hawaiian", "puerto rican",
    "boricua*", "dominican", "cuban", 
    "mexican american*", "mexican", "chicano*", "chicana*",
    "salvadoran", "guatemalan", "honduran", 
    
    
    "quilombola*",
];
