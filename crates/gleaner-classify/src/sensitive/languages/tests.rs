//! Positives and look-alike negatives per language: they fail when a list
//! loses a phrase or a blocker.

use gleaner_core::{Conversation, SensitiveCategory};

use crate::sensitive::SensitiveDetector;
use SensitiveCategory::{
    Ethnicity, Health, Philosophy, Politics, Religion, SexualOrientation, TradeUnion,
};

fn detector() -> &'static SensitiveDetector {
    static DETECTOR: std::sync::OnceLock<SensitiveDetector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(SensitiveDetector::new)
}

fn categories(text: &str) -> Vec<SensitiveCategory> {
    detector()
        .detect(&Conversation::from_user_text("test", text))
        .iter()
        .map(|hit| hit.category)
        .collect()
}

#[track_caller]
fn assert_flags(cases: &[(SensitiveCategory, &str)]) {
    for (category, text) in cases {
        let found = categories(text);
        assert!(
            found.contains(category),
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
fn german() {
    assert_flags(&[
        (
            Religion,
            "Ab wann fällt die Kirchensteuer weg, wenn ich austrete?",
        ),
        (
            Religion,
            "Unser Sohn hat nächstes Jahr Erstkommunion, Ideen für die Feier?",
        ),
        (
            Religion,
            "Ich gehe jeden Freitag zum Freitagsgebet in der Mittagspause",
        ),
        (
            SexualOrientation,
            "Ich habe mich als lesbisch geoutet, wie sag ich es Oma?",
        ),
        (
            SexualOrientation,
            "Mein Freund und ich, beide Männer, suchen ein Hotel",
        ),
        (
            Politics,
            "Wie beantrage ich Briefwahl für die Landtagswahl?",
        ),
        (Politics, "Mein Onkel wählt AfD und redet ständig davon"),
        (
            Health,
            "Seit dem Bandscheibenvorfall kann ich nicht lange sitzen",
        ),
        (
            Health,
            "Ich bin in der 12. Woche schwanger, darf ich fliegen?",
        ),
        (
            Ethnicity,
            "Wir sind Sorben aus der Lausitz und suchen Trachtenstoff",
        ),
        (
            Ethnicity,
            "Als Afrodeutsche finde ich kaum passende Foundation",
        ),
        (
            Philosophy,
            "Ich bin Atheist und will keine kirchliche Trauung",
        ),
        (
            Philosophy,
            "Ich habe den Kriegsdienst verweigert, ist das ein Problem beim THW?",
        ),
        (
            TradeUnion,
            "Ich bin Gewerkschaftsmitglied bei ver.di, was zahlt die Streikkasse?",
        ),
        (TradeUnion, "Ich wurde in den Betriebsrat gewählt"),
        (
            TradeUnion,
            "Wir stehen mit der IG Metall vor dem Werkstor, Warnstreik ab 6",
        ),
    ]);
    assert_clean(&[
        "Heute ist es so schwül, welche Bettwäsche kühlt?",
        "Kann ich die grünen Tomaten noch ernten?",
        "Das Angebot ist mir nicht ganz koscher, ist das ein Betrug?",
        "Schwarzwälder Kirschtorte für 12 Personen, welches Rezept?",
        "Union Berlin gegen Bayern, wann ist Anpfiff?",
        "Unsere Unternehmensphilosophie soll auf die Website, hilf mir",
        "Wegen des Bahnstreiks komme ich nicht zum Flughafen",
        "Wir fahren morgen ins Grüne, Picknickideen?",
        "Meine Monstera sieht depressiv aus, zu viel Wasser?",
        "Grünen Spargel richtig kochen, wie lange?",
        "Ich bin Pole Position gefahren im Kartrennen",
        "Warnstreik bei der Bahn morgen, wie komme ich zum Flughafen?",
        "Wie heißt die Linke Maustaste auf Englisch?",
        "Die GDL streikt wieder, wie komme ich nach Köln?",
    ]);
}

#[test]
fn italian() {
    assert_flags(&[
        (
            Religion,
            "mia figlia fa la prima comunione a maggio, idee per le bomboniere?",
        ),
        (
            Religion,
            "ogni venerdì di Quaresima non mangio carne, ricette di pesce?",
        ),
        (
            Religion,
            "sono musulmano e chiedo una pausa per la preghiera",
        ),
        (
            SexualOrientation,
            "sono lesbica e mia madre non lo sa ancora",
        ),
        (
            SexualOrientation,
            "sono una ragazza trans e cerco un costume intero",
        ),
        (
            Politics,
            "faccio lo scrutatore alle regionali, quanto pagano?",
        ),
        (Politics, "mio suocero è leghista e io sono di sinistra"),
        (Health, "sono celiaca, pizzerie senza glutine a Napoli?"),
        (Health, "ho la sclerosi multipla e il caldo mi sfinisce"),
        (
            Ethnicity,
            "sono afroitaliana e ai colloqui mi chiedono il permesso di soggiorno",
        ),
        (
            Ethnicity,
            "siamo arbëreshë di Lungro, dove noleggio il costume?",
        ),
        (Philosophy, "sono ateo e i suoceri vogliono il battesimo"),
        (
            Philosophy,
            "ho fatto obiezione di coscienza, posso fare il servizio civile?",
        ),
        (
            TradeUnion,
            "venerdì c'è lo sciopero generale della CGIL e io aderisco",
        ),
        (TradeUnion, "sono delegato RSU in fabbrica"),
    ]);
    assert_clean(&[
        "comunione dei beni o separazione, cosa conviene?",
        "biglietti per Madonna in concerto a Milano",
        "sono malato di Juve, idee regalo a tema?",
        "l'ho messa in frigo ieri sera, è ancora buona?",
        "sono nero, il treno è in ritardo di nuovo",
        "sciopero generale di venerdì: i musei sono aperti?",
        "il referendum costituzionale del 2016 per la tesina di storia",
        "domani c'è lo sciopero dei treni, come arrivo a Malpensa?",
        "zucchero a velo fatto in casa, si può?",
        "cos'è lo strike price delle mie RSU?",
    ]);
}

#[test]
fn indonesian() {
    assert_flags(&[
        (
            Religion,
            "aku sholat lima waktu, coworking yang ada musholanya di mana?",
        ),
        (Religion, "ibu-ibu pengajian mau bikin seragam gamis"),
        (Religion, "mau aqiqah anak kedua, jasa katering di Depok?"),
        (
            SexualOrientation,
            "aku sama pacarku sama-sama cowok, hotel yang aman?",
        ),
        (SexualOrientation, "gue non-biner dan pengen potong rambut"),
        (
            Politics,
            "gimana ngurus pindah memilih biar bisa nyoblos di TPS sini?",
        ),
        (Politics, "aku relawan tim sukses caleg di dapilku"),
        (Health, "baru didiagnosis asam urat, menu apa yang aman?"),
        (Health, "lagi hamil 20 minggu, kebaya yang longgar apa?"),
        (
            Ethnicity,
            "aku keturunan Tionghoa, mau bikin pohon keluarga",
        ),
        (Ethnicity, "sebagai orang Papua aku sering ditolak kos"),
        (Philosophy, "aku ateis tapi orang tua gak tau"),
        (TradeUnion, "serikat pekerja kami bakal mogok minggu depan"),
        (
            TradeUnion,
            "aku baru gabung SPSI di pabrik, iuran wajar gak?",
        ),
    ]);
    assert_clean(&[
        "lagi sale Ramadan di Shopee, air fryer mana yang bagus?",
        "partai final Liga Champions jam berapa?",
        "visa ke Amerika Serikat butuh dokumen apa?",
        "film Filosofi Kopi bagus gak?",
        "motorku mogok di jalan, bengkel terdekat?",
        "suku bunga KPR sekarang berapa?",
        "anakku nyalon ketua OSIS, bikin visi misi dong",
        "ojol lagi pada offbid, aku pesan taksi aja deh",
    ]);
}

#[test]
fn hindi_devanagari_and_hinglish() {
    assert_flags(&[
        (Religion, "रमज़ान में रोज़े रख रहा हूँ, इफ़्तार तक एनर्जी कैसे बचाऊँ?"),
        (Religion, "रमजान में रोजे रख रहा हूं"),
        (Religion, "बेटी का मुंडन अगले महीने है, पंडित जी को कितना दें?"),
        (
            Religion,
            "kal karva chauth ka vrat hai, chand kitne baje niklega?",
        ),
        (
            Religion,
            "mere bete ki dastar bandi gurdwara sahib mein hai",
        ),
        (SexualOrientation, "मैं ट्रांस वुमन हूँ और नाम बदलवाना है"),
        (
            SexualOrientation,
            "finally ghar pe bata diya ki main bi hoon",
        ),
        (
            SexualOrientation,
            "hum dono ladkiyan hain aur pride walk pe ja rahe hain",
        ),
        (Politics, "पहली बार वोट डालना है पर वोटर कार्ड नहीं आया"),
        (
            Politics,
            "main ward mein AAP ka volunteer hoon, polling agent banna hai",
        ),
        (Health, "पिछले महीने टाइप 2 डायबिटीज़ निकली है"),
        (Health, "papa ka hafte mein 3 baar dialysis hota hai"),
        (Ethnicity, "मैं दलित हूँ और रूममेट बर्तन अलग रखता है"),
        (Ethnicity, "hum Kodava hain Coorg se"),
        (Philosophy, "मैं नास्तिक हूँ पर घरवाले हवन चाहते हैं"),
        (Philosophy, "main kisi bhagwan ko nahi maanta"),
        (TradeUnion, "परसों यूनियन की आम सभा में मुझे बोलना है"),
        (TradeUnion, "hum bank wale sab parso se hadtaal pe hain"),
    ]);
    assert_clean(&[
        "एक्सेल में दो लिस्ट का यूनियन कैसे निकालूँ?",
        "यूरोपियन यूनियन के साथ ट्रेड डील का शेयरों पर असर?",
        "कल ऑटो-टैक्सी वालों की हड़ताल है, एयरपोर्ट कैसे पहुँचूँ?",
        "naga chilli wala achaar kaise banaun?",
        "yaar mera dimaag kharab ho gaya hai is bug se",
        "vrat thali wala restaurant batao Delhi mein",
        "गोल्डन टेंपल की फोटो के लिए सबसे अच्छा समय?",
    ]);
}

#[test]
fn arabic_msa_and_dialects() {
    assert_flags(&[
        (Religion, "أنا صايم وعندي عشاء عمل قبل المغرب"),
        (Religion, "أبغى ساعة تنبه بأوقات الصلاة وتحدد اتجاه القبلة"),
        (Religion, "بنتي رح تعمل المناولة الأولى بالكنيسة"),
        (Religion, "بديت ألبس الحجاب هالسنة"),
        (Religion, "ابني بدأ يحفظ القرآن وأبغى تطبيق للتجويد"),
        (SexualOrientation, "انا مثلية ولسا ما حكيت لأهلي"),
        (SexualOrientation, "أنا وحبيبي رجلين ونبغى نسافر"),
        (Politics, "كيف أسجل في القوائم الانتخابية وأنا بالخارج؟"),
        (Politics, "عمي بعثي قديم ويتخانق مع أبوي"),
        (Health, "أمي على كرسي متحرك ونبغى نروح العلا"),
        (Health, "أنا حامل في الشهر الخامس وأبغى فستان"),
        (Health, "عندي سكري نوع ثاني"),
        (Ethnicity, "أنا أمازيغية من الريف"),
        (Ethnicity, "أنا سوداني وبيعلقوا على لون بشرتي"),
        (Philosophy, "أنا ملحد وأهلي ما يدرون"),
        (TradeUnion, "نقابة المعلمين قررت الإضراب وأنا ملتزم معهم"),
        (TradeUnion, "اشتراك النقابة ينخصم من راتبي"),
        (TradeUnion, "بدي أنتسب لنقابة الصحفيين"),
    ]);
    assert_clean(&[
        "هموت من الضحك على الفيديو ده",
        "أبغى وصفة رز بخاري للعزيمة",
        "أبغى حامل خشبي للجوال جنب الشباك",
        "التصويت في ذا فويس كيف يكون؟ أبغى أصوّت للمتسابقة",
        "انتخابات مجلس الطلبة وأنا مرشح، أبغى شعار",
        "ابني عمره ٧ سنين وأبغى له دراجة",
        "مين أحسن لاعب في نادي الاتحاد؟",
        "وصفة معمول للعيد",
    ]);
}

#[test]
fn japanese_substrings() {
    assert_flags(&[
        (Religion, "毎朝仏壇にご飯をお供えしています"),
        (Religion, "娘が来月初聖体を受けます"),
        (Religion, "エホバの証人なので誕生日会に出られません"),
        (Religion, "ラマダン中で日中は何も食べていません"),
        (
            SexualOrientation,
            "両親にゲイだとカミングアウトするつもりです",
        ),
        (
            SexualOrientation,
            "彼氏と二人で旅行します、僕も男なんですけど",
        ),
        (
            SexualOrientation,
            "ノンバイナリーなので招待状の文面を考えて",
        ),
        (SexualOrientation, "ｹﾞｲだと打ち明けたい"),
        (Politics, "市長選の期日前投票はこっちでもできますか"),
        (Politics, "私は保守寄りで、妹は共産党支持者です"),
        (Health, "先月乳がんの手術を受けました"),
        (Health, "妊娠8ヶ月で新幹線に乗ります"),
        (Health, "パニック障害で満員電車に乗れません"),
        (Ethnicity, "在日コリアン3世です"),
        (Ethnicity, "うちはアイヌの家系です"),
        (Philosophy, "私は無神論者なので宗教色のない葬儀にしたい"),
        (Philosophy, "ストア派の考え方で生きると決めた"),
        (TradeUnion, "労働組合の執行委員に選ばれました"),
        (TradeUnion, "組合費が毎月天引きされています"),
        (TradeUnion, "明日から24時間ストに入ります"),
    ]);
    assert_clean(&[
        "マンションの理事長選挙で立候補者がいないときは？",
        "アイドルの総選挙、推しに投票したい",
        "筋トレでゲインを増やすコツは？",
        "大丈夫です、男同士の友情の映画を教えて",
        "ハーフマラソンの練習メニューを作って",
        "ドラッグストアで買える日焼け止めは？",
        "ミサイルの仕組みを子ども向けに説明して",
        "モスクワ旅行の持ち物を教えて",
        "提出物は期日前に出したほうがいい？",
        "これいわないでほしいんだけど、職場がつらい",
        "マンションの管理組合の総会資料を作って",
        "Apple信者なので新しいiPhoneを買います",
        "骨折り損のくたびれもうけって意味は？",
        "就活でお祈りメールばかり届きます",
        "ストレートジーンズに合う靴は？",
        "日系企業の面接対策を教えて",
    ]);
}

#[test]
fn broader_vocabulary_and_its_look_alikes() {
    assert_flags(&[
        (
            Religion,
            "Wir wollen kirchlich heiraten, was braucht der Pfarrer?",
        ),
        (
            Politics,
            "Wo finde ich meinen Stimmzettel für die Kommunalwahl?",
        ),
        (
            Health,
            "Seit der Knie-OP brauche ich Krücken, welche Schuhe?",
        ),
        (Religion, "sono credente e vado a messa ogni domenica"),
        (TradeUnion, "domani picchetto davanti ai cancelli"),
        (Religion, "aku rutin salat jumat di masjid kantor"),
        (
            SexualOrientation,
            "aku dan pasangan sesama jenis mau pindah kota",
        ),
        (Health, "papa ki surgery hui hai, khana kya dein?"),
        (Ethnicity, "जाति की वजह से रिश्ता टूट गया"),
        (Health, "عندي سكر وبدي وصفات"),
        (TradeUnion, "أنا عضو في النقابة من سنتين"),
        (Health, "主治医に相談して服薬を続けています"),
        (TradeUnion, "職場の組合の集会で話します"),
        (Politics, "am Sonntag gehe ich zur Wahl"),
        (Ethnicity, "Ich bin Türkin in dritter Generation"),
        (Religion, "Ich bete jeden Abend mit meinen Kindern"),
        (Religion, "بدي أصلي الجمعة بالجامع"),
        (
            Ethnicity,
            "meine Mutter ist Polin und mein Vater Nigerianer",
        ),
        (Ethnicity, "mia madre è senegalese e mio padre è italiano"),
        (SexualOrientation, "أنا بحب البنات وأنا بنت"),
    ]);
    assert_clean(&[
        "Ich habe die Datei in PDF konvertiert",
        "Er hat sein Versprechen gebrochen, wie reagiere ich?",
        "sono partito ieri per Roma, cosa visito?",
        "osservo il panorama dal Duomo, orari?",
        "pemilihan ketua OSIS minggu depan, bikin poster dong",
        "बेटी स्कूल में हेड गर्ल का चुनाव लड़ रही है",
        "حظك اليوم لبرج السرطان",
        "ابني عمره ٧ سنين وأبغى له دراجة",
        "ミックスナッツとホットケーキミックスを買いたい",
        "テストのストレスで眠れない",
        "コリアンタウンでおすすめの店は？",
        "Ich bete, dass der Zug pünktlich ist",
        "Ich fahre morgen zur Messe nach Frankfurt",
        "quanto mi pagano per due giorni di lavoro extra?",
    ]);
}

#[test]
fn every_language_list_entry_compiles_and_names_a_category() {
    use crate::sensitive::lexicon::{bundled, Role};
    let languages = ["de", "it", "id", "hi", "ar", "ja"];
    for lang in languages {
        let file = bundled()
            .iter()
            .find(|file| file.lang == lang)
            .expect("every language has a lexicon file");
        for category in SensitiveCategory::ALL {
            let phrases = file
                .entries
                .iter()
                .filter(|entry| entry.role == Role::Phrase && entry.category == Some(category))
                .count();
            assert!(phrases >= 10, "{lang}: the {category} list is nearly empty");
        }
        for entry in &file.entries {
            assert!(
                crate::phrase::PhraseSpec::parse(&entry.marked()).is_some(),
                "{lang}: {:?} has no word",
                entry.phrase
            );
            assert!(
                entry.category.is_some() || entry.role == Role::Blocker,
                "{lang}: {:?} names no category",
                entry.phrase
            );
        }
    }
}
