//! Near misses: phrases that contain a sensitive word without touching a
//! sensitive category. A category match is dropped when one of these covers
//! all of its tokens. Keep each entry specific: a blocker can only remove
//! recall.

/// Blocker phrases (same markers as the category lists).
pub(super) const BLOCKERS: &[&str] = &[
    "monk fruit", "suspiros de monja", "the bible for", "the bible of", "basically the bible", "bible for learning",
    "la biblia de", "la biblia del", "a biblia do", "a biblia de", "la bible pour", "la bible du", "la bible de",
    "horoscope for cancer", "horoscope cancer", "horoscopo de cancer", "my horoscope", "cancer this week",
    "gay lussac", "queer eye", "humanist sans", "humanist font", "humanist fonts", "humanist typeface",
    "huelga decir", "judias verdes", "gata embarazada", "perra embarazada", "gata esta embarazada",
    "perra esta embarazada", "cadela gravida", "gata gravida", "chatte est gestante", "chienne est gestante",
    "chatte gestante", "chienne gestante", "chatte enceinte", "chienne enceinte", "my cat is pregnant",
    "my dog is pregnant", "pregnant cat", "pregnant dog", "depresion tropical", "depressao tropical",
    "une depression arrive", "depression arrive", "depression atlantique", "sal kosher", "sel casher",
    "sel kasher", "halal guys", "amish made", "amish furniture", "sister act", "care about the politics",
    "are union members", "acces a la greve", "sur la greve", "des greves ou", "greve de sable",
    "eleicao pra sindico", "eleicao para sindico", "eleccion de presidente de la comunidad",
    "election du syndic", "da esquerda ou da direita", "a esquerda ou a direita", "pela direita",
    "pela esquerda", "a la izquierda o a la derecha", "de gauche a droite", "a gauche ou a droite",
    "moros y cristianos", "non religious", "not religious", "no religiosa", "no religioso",
    "sem nenhuma referencia religiosa", "non religieuse", "non religieux", "chain lube", "bike lube",
    "lube for my chain", "lube for my bike", "lego toys", "dog toys", "cat toys", "toys for my",
    "aa batteries", "aa battery", "pilhas aa", "pilas aa", "piles aa", "aa size", "aa flight",
    "american airlines", "double aa", "aaa",
    
    // Scoped blockers (`category|phrase`): cancel only that category.
    "politics|union election", "politics|union elections", "politics|union vote",
    "politics|elecciones sindicales", "politics|eleccion sindical", "politics|eleicoes sindicais",
    "politics|eleicao sindical", "politics|elections du cse", "politics|elections professionnelles",
    "politics|election du cse", "politics|elections syndicales", "health|abortion rights",
    "health|derecho al aborto", "health|aborto legal", "health|droit a l avortement",
    "health|pro choice",
    // `union` that is not a trade union.
    "union station", "sql union", "union all", "union select", "union query", "a union of",
    "union of two", "union of sets", "set union", "union type", "union types", "tagged union",
    "union find", "struct union", "union jack", "union square", "union pacific", "credit union",
    "credit unions", "european union", "union europea", "union europeenne",
    "uniao europeia", "soviet union", "student union", "students union", "union bank",
    "western union", "union berlin", "union saint gilloise", "union st gilloise", "union county",
    "union city", "union street", "union college", "union hall wedding venue", "more perfect union",
    "union de facto", "union libre", "union ciclista", "rugby union",
    "union 2 2 1", 
    // `strike` that is not a strike.
    "strike a match", "strike a balance", "strike a pose", "strike a deal", "strike a chord",
    "lucky strike", "bowling strike", "a strike in bowling", "strike zone", "strike out",
    "strikeout", "strike through", "strikethrough", "three strikes", "first strike",
    "counter strike", "strike price", "lightning strike", "lightning strikes", "strike force",
        // `pride` that is not Pride.
    "pride of lions", "a pride of", "pride and prejudice", "pride and joy", "take pride",
    "takes pride", "taking pride", "pride myself", "pride ourselves", "swallow my pride",
    "sense of pride", "pride of place", "point of pride",
    // `black` that is a colour or a name.
    "black leather", "black boots", "black boot", "black friday", "black dress", "black jeans",
    "black and white", "black coffee", "black tie", "black belt", "black ops", "black mirror",
    "black sabbath", "black metal", "black forest", "black pepper", "black widow", "black card",
    "black panther movie", "black jacket", "black shoes", "black sneakers", "black suit",
    "black tea", "black beans", "black olives", "black hole", "black holes", "black box",
    "black ice", "black market", "jack black", "black screen", "black hoodie",
    "cuero negro", "color negro", "negro mate", "botas negras", "zapatos negros",
    "vestido negro", "cafe negro", "te negro", "agujero negro", "viernes negro", "pretas",
    "preto e branco", "couro preto", "cafe preto", "sapato preto", "buraco negro", "noir et blanc",
    "cuir noir", "robe noire", "bottes noires", "trou noir", "cafe noir", "film noir",
    // `pain` in French (bread) and pain as a figure of speech.
    "pain au chocolat", "pains au chocolat", "pain de mie", "pain perdu", "pain de campagne",
    "pain complet", "pain aux raisins", "pain d epices", "du pain", "le pain", "pain maison",
    "pain au levain", "pain brioche", "pain bagnat", "pain grille", "pain de seigle", "un pain",
    "growing pains", "pain in the neck", "pain in the ass", "pain in the butt", "pain point",
    "pain points", "no pain no gain", "painkiller album",
    // `mass` that is not a Mass.
    "mass effect", "critical mass", "body mass", "muscle mass", "mass market", "mass production",
    "mass produced", "mass transit", "land mass", "landmass", "mass email", "mass gainer",
    "lean mass", "bone mass", "mass spectrometry", "center of mass", "centre of mass",
    "mass of the", "air mass", "mass media", "mass effect legendary", "atomic mass", "mass number",
    "dark matter and mass", "mass extinction", "mass layoffs", "fat mass", "mass index",
    // Acronyms and brand names.
    "ms word", "ms office", "ms teams", "ms excel", "ms paint", "ms access", "ms sql", "ms dos",
    "ms edge", "ms project", "ms outlook", "ms windows", "ms azure", "ms and mrs",
    "first aid kit", "visual aids", "teaching aids", "study aids", "sleep aids", "swim aids",
    "cristiano ronaldo", "pastor aleman", "pastor alemao", "pastor belga", "berger allemand",
    "louis pasteur", "trump card", "trump cards", 
    // `cancer`, `stroke`, `depression` and other health words used otherwise.
    "tropic of cancer", "cancer zodiac", "cancer sign", "cancer season", "cancer horoscope",
    "as a cancer sun", "cancer moon", "cancer rising", "brush stroke", "brush strokes",
    "breast stroke", "breaststroke", "back stroke", "backstroke", "stroke of luck",
    "stroke of genius", "stroke rate", "paddle stroke", "swim stroke", "swimming stroke",
    "two stroke", "four stroke", "2 stroke", "4 stroke", "stroke engine", "the strokes",
    "great depression", "tropical depression", "economic depression", "pregnant pause",
    "blind spot", "blind spots", "blind date", "blind taste", "blind test", "blind tasting",
    "window blind", "window blinds", "roller blind", "roller blinds", "blackout blinds",
    "venetian blind", "venetian blinds", "double blind", "blind review", "blind box",
    "addicted to this game", "addicted to this show", "addicted to coffee", "lithium battery",
    "lithium batteries", "lithium ion", "lithium polymer", "dead battery", 
    "sugar rush", "virus scan", "computer virus", "antivirus", "malware infection",
    "kosher salt", "is it kosher", "is that kosher", "not kosher", "temple run",
    "shirley temple", "temple bar", "stone temple pilots", "bishop chess",
    "bishop to", "the bishop", "spiritual successor", 
    "dune messiah", "god of war", "god mode", "oh my god", "thank god", "for god s sake",
    "god knows", "godfather", "good lord", "lord of the rings", "lent me", "lent him",
    "lent her", "lent them", "lent us", "lent you", "lent it", "i lent", "she lent", "he lent",
    "lent out", "lent money", "confirmation number", "confirmation email", "confirmation code",
    "booking confirmation", "order confirmation", "confirmation page", "confirmation link",
    "confirmation bias", "confirmacion de reserva", "confirmation de reservation",
    "mecca of", "a mecca for", "mecca for", "medina of",
    "pilgrimage site for fans", "homo sapiens", "homo erectus", "suicide squad", "a l aveugle", "degustation a l aveugle", "enceinte bluetooth", "enceinte connectee", "enceinte portable", "enceinte sans fil", "enceinte jbl", "enceinte sonos", "enceinte intelligente", "enceinte de salon", "my ms word", "my ms office", "my ms teams", "my ms excel", "picket fence", "picket fences", "syndicat de copropriete", "syndicat des coproprietaires", "syndicat d initiative", "syndicat intercommunal", "mohamed salah", "mo salah", "shia labeouf", "religieuse au chocolat", "religieuses au chocolat", "religieuse au cafe", "bapteme de l air", "bapteme de plongee", 
    // Politics words used otherwise.
    "office politics", "party politics of the office", "conservative estimate",
    "conservative approach", "conservative investment", "conservative portfolio",
    "conservative investing", "conservative strategy", "liberal arts", "liberal amount",
    "liberal use", "liberal amounts", "progressive lenses", "progressive lens",
    "progressive jackpot", "progressive overload", "progressive rock", "progressive insurance",
    "progressive web app", "left wing back", "right wing back", "left winger", "right winger",
    "republic of", "czech republic", "dominican republic", "democratic republic",
    "central african republic", "republica dominicana", "republica checa", "banana republic",
    "trump tower", "vote of thanks", "elections in the club", 
    "rally car", "car rally", "rally racing", "rally driver", "stock rally", "market rally",
    "tennis rally", "rally cross", "rallycross", 
    "campaign manager for", "marketing campaign", "ad campaign", "email campaign",
    "campaign budget", "campaign mode", "the campaign in", "single player campaign",
    // Ethnicity / identity words used otherwise.
    "asian food", "asian cuisine", "asian restaurant", "asian market", "asian fusion",
    "latin music", "latin dance", "indian food", "indian restaurant", "indian cuisine",
    "native app", "native apps", "native speaker", "native resolution", "native plants",
    "native plant", "native species", "native english", "race day", "race pace", "race bib",
    "race week", "race car", "race cars", "drag race", "drag racing", "drag and drop",
    
    // Philosophy / diet words used otherwise.
    "vegan leather", "vegan leather boots",
];

/// Words that, right after an origin (`Mexican food`, `Korean drama`,
/// `Nigerian passport`), make it about a thing, not a person. Compiled as
/// `origin word` blockers for every origin of the ethnicity frames.
pub(super) const AFTER_ORIGIN: &[&str] = &[
    "food", "foods", "restaurant", "restaurants", "cuisine", "recipe", "recipes", "dish",
    "dishes", "market", "takeout", "takeaway", "grocery", "style", "music", "movie", "movies",
    "film", "films", "drama", "dramas", "series", "show", "language", "class", "classes",
    "lessons", "course", "visa", "passport", "embassy", "consulate", "citizenship", "airline",
    "airlines", "wine", "beer", "tea", "coffee", "spices", "dress", "dresses", "shoes", "boots",
    "jeans", "pants", "leather", "car", "cars", "paint", "hair dye", "sneakers", "speaker",
    "speakers", "app", "apps", "plants", "plant", "species", "ocean", "sea", "breed",
    "cat", "dog",
];

/// Words that, right before an origin (`comida mexicana`, `cuisine
/// coréenne`, `produto de origem chinesa`), make it about a thing.
pub(super) const BEFORE_ORIGIN: &[&str] = &[
    "comida", "restaurante", "cocina", "receta", "recetas", "plato", "cozinha", "receita",
    "receitas", "prato", "cuisine", "restaurant", "recette", "recettes", "plat", "musica",
    "musique", "pelicula", "peliculas", "filme", "filmes", "film", "films", "serie", "series",
    "idioma", "lingua", "langue", "visa", "visto", "pasaporte", "passaporte", "passeport",
    "embajada", "embaixada", "ambassade", "producto", "productos", "produto", "produtos",
    "produit", "produits", "mercado", "marche", "epicerie", "tienda", "loja", "vino", "vinho",
    "vin", "cerveza", "cerveja", "biere", "te", "cha", "the", "cafe", "pantalon", "pantalones",
    "calca", "tenis", "zapatos", "sapatos", "chaussures", "gato", "chat", "perro", "cachorro",
    "chien", "raza", "raca", "race", "coche", "carro", "voiture", "oceano", "ocean", "mar", "mer",
    "producto de origen", "productos de origen", "produto de origem", "produtos de origem",
    "produit d origine", "produits d origine", "pays d origine", "appellation d origine",
    "fabricacion", "fabricacao", "fabrication", "made in",
];
