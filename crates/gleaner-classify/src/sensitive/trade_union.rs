//! Trade-union membership and activity: unions by name, union roles,
//! organizing, strikes and picket lines, collective bargaining.
//!
//! `union` alone is weak (Union Station, SQL UNION, credit union); `strike`
//! alone is not a phrase at all (a match, bowling): only strike action is.

/// Phrases (markers: `~` weak, `=` case-sensitive, `*` prefix).
pub(super) const PHRASES: &[&str] = &[
    // English.
    "~union", "~unions", "trade union*", "trades union*", "labor union*", "labour union*",
    "my union", "our union", "the union rep", "union rep", "union reps", "union representative*",
    "union steward*", "shop steward*", "union member*", "union membership", "union card",
    "union dues", "union fees", "union meeting*", "union hall", "union job", "union jobs",
    "union contract", "union leader*", "union official*", "union organizer*", "union organiser*",
    "union organizing", "union organising", "union drive", "union election", "union vote",
    "union busting", "union buster*", "anti union", "join a union", "joined a union",
    "joining a union", "joined the union", "start a union", "form a union", "forming a union",
    "unionize", "unionized", "unionizing", "unionise", "unionised", "unionising",
    "unionization", "unionisation", "non union", "teachers union", "teachers unions",
    "nurses union", "workers union", "transit union", "dockworkers", "longshoremen",
    "trade unionist*", "unionist*", "syndicalis*", "labor organizer*", "labour organiser*",
    "labor movement", "labour movement", "organized labor", "organised labour",
    "collective bargaining", "collective agreement", "bargaining unit", "bargaining committee",
    "~work to rule", "on strike", "go on strike", "going on strike", "went on strike",
    "strike action", "general strike", "strike vote", "strike ballot", "strike fund",
    "strike pay", "~wildcat strike", "~walkout", "picket line*", "picket duty", "on the picket", "picket shift", "union s rep", "bargaining session", "bargaining table", "~strike", "we ll strike", "probably strike", "going to strike", "vote to strike", "planning to strike", "threatening to strike", "strike next", "strike on monday", "picketing",
    "~picket", "~scab", "~scabs", "crossing the picket", "=UAW", "uaw", "teamsters",
    "afl cio", "aflcio", "=SEIU", "seiu", "=AFSCME", "afscme", "=AFT", "=NEA", "unite here",
    "=UNISON", "unison union", "=GMB", "=RMT", "rmt union", "=TUC", "=USW", "united steelworkers",
    "=IBEW", "ibew", "=CWA", "=UFCW", "ufcw", "=ILWU", "=NUT", "=NEU", "=UCU", "=RCN",
    "=BMA", "=CUPE", "cupe", "=UNIFOR", "unifor", "=NALC", "=ATU", "=SAG-AFTRA",
    "sag aftra", "=WGA", "writers guild", "=IWW", "wobblies", "=CGIL", "=CISL", "=UIL",
    "=IG Metall", "ig metall", 
    // Spanish.
    "sindicato*", "sindical", "sindicales", "sindicalista*", "sindicalizado*",
    "sindicalizarse", "sindicalizar", "afiliado al sindicato", "afiliada al sindicato",
    "afiliacion sindical", "delegado sindical", "delegada sindical", "representante sindical",
    "liberado sindical", "cuota sindical", "seccion sindical", "comite de empresa",
    "~convenio colectivo", "negociacion colectiva", "huelga*", "guardias del paro", "paro nacional", "paro general", "hacer paro", "estamos de paro", "~reivindicaciones", "huelguista*", "piquete*",
    "=CCOO", "comisiones obreras", "=UGT", "=CGT", "=CNT", 
    "=CGTP",
    // Portuguese.
    "sindicato", "sindicatos", "sindicalizado", "sindicalizada", "filiado ao sindicato",
    "filiada ao sindicato", "filiacao sindical", "delegado sindical", "dirigente sindical",
    "contribuicao sindical", "imposto sindical", "~acordo coletivo", "~convencao coletiva",
    "~dissidio", "~greve", "~greves", "grevista*", "greve geral", "fazer greve", "entrar em greve", "a greve dos", "greve dos", "dia de greve", "aderir a greve", "piquete de greve", "cruzar os bracos", "comissao de negociacao", "~reivindicacoes", "fazer greve", "em greve", "piquete",
    "=CUT", "forca sindical", "=CGTB", "=UGT", "=FENPROF", 
    // French.
    "syndicat*", "syndical", "syndicale", "syndicaux", "syndicales", "syndique", "syndiquee",
    "syndiques", "syndiquer", "me syndiquer", "syndicaliste*", "syndicalisme",
    "delegue syndical", "deleguee syndicale", "representant syndical", "section syndicale",
    "cotisation syndicale", "intersyndicale", "~delegue du personnel", "~elu du cse",
    "~convention collective", "greviste*", "en greve", "la greve de", "greve des", "greve du", "greve generale", "jour de greve", "appel a la greve", "mouvement de greve", "greve illimitee", "fait greve", "faisons greve", "se mettre en greve", "on debraye", "debrayage", "=NAO", "negociation annuelle obligatoire", "revendications salariales", "~revendications", "faire greve",
    "preavis de greve", "piquet de greve", "~mouvement social", "=CGT", "=CFDT", "force ouvriere",
    "=CFTC", "=CFE-CGC", "=UNSA", "sud rail", 
];
