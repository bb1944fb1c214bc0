"""Hand-written interest themes for the Gleaner sample data.

Each theme holds the tier-1 roots it maps to (ids 1..=25 of the fixed taxonomy), conversation
material (openers, follow-ups, assistant replies, photo and video descriptions, image prompts)
and five catalog items (ad, post, reel, group, page). ITEM_TOPICS gives every catalog item its
topics below the root. Imported by generate.py; standard library only.
"""

# fmt: off
THEMES = {
    "hiking": {
        "roots": [20, 24],
        "ask": [
            "Which boots should I get for a 3-day trek in the Smokies?",
            "What should I pack for an overnight hike with a lot of elevation gain?",
            "Can you suggest a lightweight tent for backpacking under 2 kg?",
            "Best day hikes near Denver with a lake at the top?",
            "How do I break in new hiking boots before a long trail?",
            "Is a 40 liter backpack enough for a hut-to-hut trek?",
            "What trekking poles are worth it for steep descents?",
        ],
        "follow": [
            "What about socks to avoid blisters?",
            "How much water should I carry for 15 km?",
            "Any tips for hiking in the rain?",
            "Would trail runners work instead of boots?",
        ],
        "reply": [
            "For multi-day treks, a mid-cut waterproof boot with a stiff sole gives good support; try them on in the afternoon when your feet are slightly swollen.",
            "Pack layers, a rain shell, a headlamp, a first-aid kit and at least two liters of water; keep the heavy items close to your back.",
            "A freestanding one-person tent around 1.3 kg is a good balance of weight and durability for backpacking.",
            "Start with short walks around town, then a few day hikes, so the leather softens before the big trip.",
        ],
        "photo": [
            "The photo shows a pair of muddy trail shoes on a rocky path above a pine forest.",
            "The photo shows a trail sign at a mountain pass with a map of hiking routes.",
            "The photo shows a loaded backpacking pack, a stove and a tent laid out on a wooden floor.",
        ],
        "video": [
            "The video shows a narrow ridge trail with hikers using trekking poles in strong wind.",
        ],
        "imagine": [
            "a hiker watching the sunrise from a snowy summit",
            "a cozy tent glowing at night under the Milky Way in the mountains",
        ],
        "items": [
            ("ad", "ad:boots-01", "Waterproof hiking boots", "Summit Trail Mid: waterproof hiking boots with a grippy sole for multi-day treks and muddy trails.", "adv:summit"),
            ("post", "post:hike-packing-list", "My ultralight packing list for a 3-day trek", "Everything I carried on a three-day backpacking trip: tent, quilt, stove and trail snacks, all under 7 kg.", None),
            ("reel", "reel:ridge-hike", "Ridge hike at sunrise", "Hiking a knife-edge ridge at sunrise with trekking poles, 1,200 m of elevation gain.", None),
            ("group", "group:weekend-hikers", "Weekend Hikers Club", "Plan day hikes and backpacking trips, share trail conditions and carpool to trailheads.", None),
            ("page", "page:trail-runners", "Trail Runners & Hikers", "Trail reports, gear reviews and route ideas for hikers and trail runners.", None),
        ],
    },
    "running": {
        "roots": [20],
        "ask": [
            "Can you make me a 12-week half marathon training plan?",
            "What running shoes are good for someone who overpronates?",
            "How do I get faster at 5k without getting injured?",
            "What should I eat the night before a marathon?",
            "Is it okay to run every day as a beginner?",
            "Which GPS running watch has the best battery life?",
        ],
        "follow": [
            "How many easy runs per week?",
            "What pace should my long run be?",
            "Should I add strength training too?",
        ],
        "reply": [
            "Build up slowly: three easy runs a week, one long run that grows by about 10 percent, and an interval session once you have a base.",
            "Stability shoes with a firm medial post help overpronators; get a gait check at a running store if you can.",
            "Keep most runs conversational and add one session of 400 m repeats; rest days matter as much as workouts.",
        ],
        "photo": [
            "The photo shows a race bib, a pair of bright running shoes and an energy gel on a bench.",
            "The photo shows a runner crossing a finish line with a clock reading 1:52:10.",
        ],
        "video": [
            "The video shows a runner doing strides on a track at dusk.",
        ],
        "imagine": [
            "a marathon runner crossing a finish line in a city at dawn",
        ],
        "items": [
            ("ad", "ad:stride-shoes", "Stride Glide 5 running shoes", "Cushioned running shoes for daily training and your next half marathon. Free returns.", "adv:stride"),
            ("post", "post:half-marathon-plan", "How I trained for my first half marathon", "Twelve weeks, three runs a week and one long run on Sundays took me from 5k to 21k.", None),
            ("reel", "reel:interval-workout", "5k interval workout in 60 seconds", "A track workout to run a faster 5k: warm-up, 6 x 400 m, cool-down.", None),
            ("group", "group:city-runners", "City Running Crew", "Weekly group runs, race meetups and training tips for runners of every pace.", None),
            ("page", "page:run-weekly", "Run Weekly", "Race calendars, running shoe reviews and training plans.", None),
        ],
    },
    "fitness": {
        "roots": [20],
        "ask": [
            "Give me a 30-minute full-body workout I can do at home with dumbbells.",
            "How do I start lifting weights at the gym as a beginner?",
            "What is a good push-up progression if I can only do three?",
            "Can you plan a 4-day gym split for building muscle?",
            "How much protein do I need when strength training?",
        ],
        "follow": [
            "How many sets and reps?",
            "What if I only have 20 minutes?",
            "Can I swap squats for something else?",
        ],
        "reply": [
            "Try a circuit of goblet squats, push-ups, rows, lunges and a plank: three rounds, 45 seconds each with 15 seconds rest.",
            "Start with compound lifts at light weight, focus on form, and add a little weight each week.",
            "A common target is 1.6 g of protein per kg of body weight spread over the day.",
        ],
        "photo": [
            "The photo shows a home gym corner with adjustable dumbbells, a bench and a yoga mat.",
            "The photo shows a barbell loaded with plates on a gym floor.",
        ],
        "video": [
            "The video shows a person doing kettlebell swings in a garage gym.",
        ],
        "imagine": [
            "a bright modern home gym with plants and big windows",
        ],
        "items": [
            ("ad", "ad:flexbell", "FlexBell adjustable dumbbells", "Replace 15 sets of dumbbells with one. Build strength at home in 20 minutes a day.", "adv:flexbell"),
            ("post", "post:home-workout", "The 20-minute home workout I do every morning", "Squats, push-ups, rows and planks: a simple full-body strength routine without a gym.", None),
            ("reel", "reel:deadlift-form", "Fix your deadlift form", "Three cues for a safe deadlift at the gym: brace, hinge, push the floor away.", None),
            ("group", "group:home-gym", "Home Gym Builders", "Share your garage gym setups, used equipment finds and strength training programs.", None),
            ("page", "page:strong-daily", "Strong Daily", "Workouts, strength training tips and gym motivation.", None),
        ],
    },
    "soccer": {
        "roots": [20],
        "ask": [
            "Who has the best odds to win the Champions League this season?",
            "Can you explain the offside rule simply?",
            "What cleats are best for artificial turf?",
            "Give me some passing drills for a U12 soccer team.",
            "When is the next World Cup qualifier for Brazil?",
        ],
        "follow": [
            "And who is their top scorer?",
            "How long should a training session be?",
            "What formation works for a small squad?",
        ],
        "reply": [
            "Bookmakers currently favor the clubs with the deepest squads, but knockout football is unpredictable.",
            "A player is offside if they are nearer the goal line than the ball and the second-last defender when the ball is played to them.",
            "For turf, pick AG cleats with many short studs; they grip without sticking.",
        ],
        "photo": [
            "The photo shows a packed football stadium at night with fans waving yellow and green flags.",
            "The photo shows a pair of soccer cleats and a ball on artificial turf.",
        ],
        "video": [
            "The video shows a free kick curling into the top corner during a youth match.",
        ],
        "imagine": [
            "a football stadium full of fans under fireworks",
        ],
        "items": [
            ("ad", "ad:golazo-cleats", "Golazo turf cleats", "Cleats built for artificial turf: light, grippy and ready for the weekend match.", "adv:golazo"),
            ("post", "post:derby-recap", "Clásico recap: what a second half", "Two goals in ten minutes turned the derby around. Player ratings and the best moments.", None),
            ("reel", "reel:golazo-semana", "Los mejores goles de la semana", "Los cinco mejores goles de fútbol de la semana, con tiros libres y chilenas.", None),
            ("group", "group:sunday-league", "Sunday League Players", "Find a five-a-side game, share football training drills and match highlights.", None),
            ("page", "page:futebol-total", "Futebol Total", "Notícias de futebol, resultados do Brasileirão e os melhores gols da rodada.", None),
        ],
    },
    "cooking": {
        "roots": [9],
        "ask": [
            "What can I cook tonight with chicken thighs, lemon and spinach?",
            "Give me a one-pot pasta recipe that takes under 30 minutes.",
            "How do I make a proper Sunday roast for six people?",
            "Which cast iron skillet should I buy for searing steak?",
            "Can you plan five weeknight dinners with a shopping list?",
            "How long should I marinate pork for tacos al pastor?",
            "What wine goes with mushroom risotto?",
        ],
        "follow": [
            "Can I make it ahead?",
            "What side dish would go with it?",
            "How do I scale it for eight people?",
            "Can I use the oven instead of the stove?",
        ],
        "reply": [
            "Brown the thighs skin-side down, add garlic and lemon, then wilt the spinach in the pan juices; serve with rice or crusty bread.",
            "Put pasta, cherry tomatoes, garlic, basil and stock in one pot, simmer 10 minutes, finish with parmesan.",
            "A pre-seasoned 12-inch cast iron skillet is versatile and lasts decades; heat it slowly and keep it oiled.",
            "Marinate at least four hours, ideally overnight, with chiles, pineapple and achiote.",
        ],
        "photo": [
            "The photo shows a cast iron pan with seared chicken thighs, lemon slices and wilted spinach.",
            "The photo shows an open fridge with eggs, leftover rice, scallions and half a cabbage.",
            "The photo shows a kitchen counter with flour, tomatoes, basil and a pasta machine.",
        ],
        "video": [
            "The video shows someone tossing fried rice in a wok over a high flame.",
        ],
        "imagine": [
            "a rustic farmhouse kitchen table set with homemade pasta and candles",
            "a colorful taco spread on a wooden board",
        ],
        "items": [
            ("ad", "ad:cucina-skillet", "Cucina cast iron skillet", "Pre-seasoned cast iron skillet for searing, baking and one-pan dinners.", "adv:cucina"),
            ("post", "post:weeknight-dinners", "Five weeknight dinners in 30 minutes", "One-pot pasta, sheet-pan chicken, fried rice, tacos and a quick curry, with a shopping list.", None),
            ("reel", "reel:tacos-pastor", "Tacos al pastor en casa", "Receta de tacos al pastor: marinada de chiles, piña y achiote, y tortillas calientes.", None),
            ("group", "group:home-cooks", "Home Cooks Kitchen", "Share recipes, dinner ideas and cooking questions with other home cooks.", None),
            ("page", "page:recipe-box", "The Recipe Box", "Easy recipes, meal plans and cooking tips for busy home cooks.", None),
        ],
    },
    "baking": {
        "roots": [9],
        "ask": [
            "Why did my sourdough come out flat?",
            "Give me a recipe for chewy chocolate chip cookies.",
            "How do I make a birthday cake that serves 20?",
            "What stand mixer is worth it for bread dough?",
            "Can you convert this cake recipe from cups to grams?",
        ],
        "follow": [
            "Can I freeze the dough?",
            "What if I don't have buttermilk?",
            "How do I know when it's done?",
        ],
        "reply": [
            "A flat loaf usually means an under-active starter or over-proofing; feed the starter twice and shorten the final proof.",
            "Use melted butter, more brown sugar than white and an extra yolk, then chill the dough overnight for chewy cookies.",
            "A sheet cake in a 30 x 45 cm pan easily serves 20 and is simple to decorate.",
        ],
        "photo": [
            "The photo shows a sourdough loaf with an open crumb next to a jar of bubbly starter.",
            "The photo shows a tray of golden croissants cooling on a rack.",
        ],
        "video": [
            "The video shows hands shaping a boule of bread dough on a floured counter.",
        ],
        "imagine": [
            "a three-tier birthday cake decorated with fresh berries",
        ],
        "items": [
            ("ad", "ad:mixer-pro", "MixPro stand mixer", "A 5-quart stand mixer for bread dough, cakes and cookies. Ten speeds, three attachments.", "adv:mixpro"),
            ("post", "post:sourdough-tips", "Sourdough troubleshooting", "Flat loaf? Dense crumb? How to fix the most common sourdough bread baking problems.", None),
            ("reel", "reel:croissant-lamination", "Laminating croissant dough", "Step by step butter lamination for flaky bakery-style croissants at home.", None),
            ("group", "group:bread-bakers", "Bread Bakers Guild", "Home bakers sharing sourdough starters, bread recipes and crumb shots.", None),
            ("page", "page:sweet-oven", "Sweet Oven", "Cake, cookie and pastry recipes with baking tips.", None),
        ],
    },
    "gaming": {
        "roots": [25],
        "ask": [
            "What are the best co-op games on PS5 right now?",
            "Is Elden Ring worth it for someone new to soulslikes?",
            "Which gaming headset has the best mic under $100?",
            "How do I beat the second boss in Hollow Knight?",
            "Recommend an RPG with a great story, like Mass Effect.",
            "What settings should I use to get 144 fps in Valorant?",
            "Which is better for a 10-year-old, Switch or Xbox?",
        ],
        "follow": [
            "Does it have cross-play?",
            "How many hours is the main story?",
            "Any tips for the final level?",
        ],
        "reply": [
            "It Takes Two, Overcooked 2 and Baldur's Gate 3 are favorites for co-op; all are great with a friend on the couch.",
            "Elden Ring is more forgiving than other soulslikes because you can explore elsewhere and come back stronger.",
            "Lower shadows and anti-aliasing, cap the frame rate slightly above your monitor refresh, and update your GPU drivers.",
        ],
        "photo": [
            "The photo shows a gaming setup with an ultrawide monitor, RGB keyboard and a controller.",
            "The photo shows a TV screen paused on a boss fight in a fantasy game.",
        ],
        "video": [
            "The video shows gameplay of a racing game with a car drifting around a neon-lit corner.",
        ],
        "imagine": [
            "a pixel art castle in a retro video game style",
            "a futuristic gaming room with neon lights and a big monitor",
        ],
        "items": [
            ("ad", "ad:pixelforge-headset", "PixelForge wireless gaming headset", "Low-latency wireless gaming headset with a clear mic for PS5, Xbox and PC.", "adv:pixelforge"),
            ("post", "post:coop-games", "Top 10 co-op games to play this spring", "From It Takes Two to Baldur's Gate 3: the best video games to play with friends.", None),
            ("reel", "reel:speedrun", "World record speedrun in 90 seconds", "A video game speedrun world record explained, glitch by glitch.", None),
            ("group", "group:gamers-lounge", "Gamers Lounge", "Find teammates, talk about new releases and share clips from your favorite video games.", None),
            ("page", "page:nextgen-play", "NextGen Play", "Video game news, reviews and console deals.", None),
        ],
    },
    "tech": {
        "roots": [22],
        "ask": [
            "Which laptop is best for programming under $1,200?",
            "How do I set up a home Wi-Fi mesh network?",
            "Should I upgrade my phone this year or wait?",
            "Explain the difference between an SSD and NVMe drive.",
            "How do I build my first gaming PC?",
            "What's a good mechanical keyboard for typing all day?",
        ],
        "follow": [
            "How much RAM do I need?",
            "Is it worth buying refurbished?",
            "What about battery life?",
        ],
        "reply": [
            "Look for 16 GB of RAM, a fast SSD and a good keyboard; many mid-range ultrabooks handle development well.",
            "Place the main mesh node near the modem and the satellites halfway to the dead zones; avoid hiding them in cabinets.",
            "NVMe drives use the PCIe bus and are several times faster than SATA SSDs for large file transfers.",
        ],
        "photo": [
            "The photo shows a laptop, a mechanical keyboard and two monitors on a standing desk.",
            "The photo shows the inside of a PC case with a graphics card and neatly routed cables.",
        ],
        "video": [
            "The video shows someone unboxing a new smartphone and peeling off the screen protector.",
        ],
        "imagine": [
            "a futuristic city with glowing circuit-board streets",
        ],
        "items": [
            ("ad", "ad:voltbook", "VoltBook 14 laptop", "A light 14-inch laptop with 16 GB RAM and all-day battery for coding and creative work.", "adv:volt"),
            ("post", "post:mesh-wifi", "I fixed my home Wi-Fi dead zones", "How a three-node mesh network and a better router placement solved buffering at home.", None),
            ("reel", "reel:pc-build", "Building a PC in 60 seconds", "A full computer build time-lapse: CPU, RAM, SSD, graphics card and cable management.", None),
            ("group", "group:pc-builders", "PC Builders & Tinkerers", "Help with computer builds, parts lists, laptops and tech troubleshooting.", None),
            ("page", "page:gadget-lab", "Gadget Lab", "Phone, laptop and smart home gadget reviews.", None),
        ],
    },
    "parenting": {
        "roots": [7],
        "ask": [
            "How do I get my 2-year-old to sleep through the night?",
            "What are good screen-free activities for a rainy day with kids?",
            "Which car seat is best for a toddler who is outgrowing the infant seat?",
            "Can you suggest a chore chart for a 7 and 9 year old?",
            "Ideas for a dinosaur-themed 5th birthday party?",
            "How much pocket money should a 10-year-old get?",
        ],
        "follow": [
            "What if they still won't settle?",
            "Any ideas for older siblings?",
            "How do I keep it consistent?",
        ],
        "reply": [
            "A predictable bedtime routine, a dark room and the same wake-up time every day help toddlers sleep longer.",
            "Try a blanket fort, a kitchen science experiment with baking soda and vinegar, or a treasure hunt around the house.",
            "A convertible car seat rear-facing as long as possible is the usual recommendation for toddlers.",
        ],
        "photo": [
            "The photo shows a toddler's bedroom with a crib, a night light and a pile of picture books.",
            "The photo shows a living room with a blanket fort made of chairs and sheets.",
        ],
        "video": [
            "The video shows two kids decorating cupcakes at a kitchen table.",
        ],
        "imagine": [
            "a dinosaur-themed kids birthday party with balloons",
        ],
        "items": [
            ("ad", "ad:tot-seat", "SafeRide convertible car seat", "A convertible car seat that grows with your child from toddler to booster.", "adv:saferide"),
            ("post", "post:toddler-sleep", "What finally got our toddler to sleep", "A simple bedtime routine for toddlers that worked for our family after months of short nights.", None),
            ("reel", "reel:rainy-day-kids", "5 rainy day activities for kids", "Screen-free ideas for kids: blanket forts, kitchen science and a living room treasure hunt.", None),
            ("group", "group:parents-circle", "Parents Circle", "Moms and dads sharing tips on toddlers, school and family life.", None),
            ("page", "page:family-time", "Family Time", "Parenting tips, kids activities and family recipes.", None),
        ],
    },
    "cars": {
        "roots": [1],
        "ask": [
            "Is a hybrid or a full EV better for a 60-mile daily commute?",
            "How often should I change the oil in a 2016 Civic?",
            "What's the best used pickup truck under $25k?",
            "My car makes a squeal when I brake; what could it be?",
            "Compare the Mustang Mach-E with the Tesla Model Y.",
            "Which tires are best for winter driving?",
        ],
        "follow": [
            "What about maintenance costs?",
            "How much range do I lose in winter?",
            "Is it worth getting the extended warranty?",
        ],
        "reply": [
            "For 60 miles a day an EV with home charging is cheapest to run, but a hybrid avoids range worries on long trips.",
            "Most modern engines with synthetic oil go 7,500 to 10,000 miles between changes; check your owner's manual.",
            "Squealing often means worn brake pads with a wear indicator; have them checked soon.",
        ],
        "photo": [
            "The photo shows a red vintage Mustang parked at a car show.",
            "The photo shows a dashboard warning light shaped like an engine, glowing orange.",
            "The photo shows a close-up of a worn tire tread on a pickup truck.",
        ],
        "video": [
            "The video shows an electric SUV accelerating on a test track.",
        ],
        "imagine": [
            "a classic muscle car driving along a coastal highway at sunset",
        ],
        "items": [
            ("ad", "ad:volta-ev", "Volta EV crossover", "Test drive the new Volta electric crossover: 300 miles of range and fast charging.", "adv:volta"),
            ("post", "post:hybrid-vs-ev", "Hybrid or EV? A year of commuting in both", "Real running costs, charging and range from a year of driving a hybrid and an electric car.", None),
            ("reel", "reel:car-show", "Classic car show highlights", "Muscle cars, hot rods and a restored 1967 Mustang at the weekend car show.", None),
            ("group", "group:truck-owners", "Truck & Car Owners", "Car maintenance questions, tire advice and road trip builds.", None),
            ("page", "page:motor-weekly", "Motor Weekly", "Car reviews, auto news and test drives.", None),
        ],
    },
    "personal_finance": {
        "roots": [14],
        "ask": [
            "How should I split my paycheck between savings and investing?",
            "Is it better to pay off my car loan early or invest?",
            "What's a simple budget method for a couple?",
            "How does a Roth IRA work?",
            "How big should my emergency fund be?",
            "What's the best way to start investing with $100 a month?",
        ],
        "follow": [
            "What about index funds?",
            "How do credit scores work?",
            "Should I use a budgeting app?",
        ],
        "reply": [
            "A common starting point is 50/30/20: needs, wants, and savings or debt payoff; automate the savings on payday.",
            "If the loan rate is above what you expect from investing, paying it off early is a guaranteed return.",
            "Three to six months of essential expenses in a high-yield savings account is the usual guideline.",
        ],
        "photo": [
            "The photo shows a spreadsheet of a monthly budget with rent, groceries and savings columns.",
        ],
        "video": [
            "The video shows a chart of a stock index rising over ten years.",
        ],
        "imagine": [
            "a piggy bank on a desk with coins and a notebook",
        ],
        "items": [
            ("ad", "ad:nestegg-app", "NestEgg savings app", "Automate your savings and budget in one app. Earn interest on your emergency fund.", "adv:nestegg"),
            ("post", "post:budget-5030", "The 50/30/20 budget explained", "A simple budgeting rule for your paycheck: needs, wants and savings or investing.", None),
            ("reel", "reel:index-funds", "Index funds in 60 seconds", "Why low-cost index funds are a simple way to start investing your money.", None),
            ("group", "group:money-smart", "Money Smart", "Budgeting, saving, debt payoff and investing questions answered by the community.", None),
            ("page", "page:frugal-life", "Frugal Life", "Personal finance tips, budgets and money-saving ideas.", None),
        ],
    },
    "music": {
        "roots": [13],
        "ask": [
            "Make me a playlist of 90s hip hop for a road trip.",
            "How do I learn guitar chords fast as an adult?",
            "Which wireless earbuds have the best sound quality?",
            "Recommend albums similar to Fleetwood Mac's Rumours.",
            "What's a good beginner keyboard for learning piano?",
            "Who are some new artists like Tyla and Burna Boy?",
        ],
        "follow": [
            "Add some newer songs too.",
            "How long does it take to learn?",
            "Any good apps for practicing?",
        ],
        "reply": [
            "Start with Nas, A Tribe Called Quest, Lauryn Hill and OutKast, then mix in some West Coast classics.",
            "Learn G, C, D and E minor first; practice switching for five minutes a day and you will play songs within weeks.",
            "A 61-key keyboard with touch-sensitive keys is enough to start piano lessons.",
        ],
        "photo": [
            "The photo shows an acoustic guitar, a capo and a songbook on a couch.",
            "The photo shows a vinyl record player with a stack of albums.",
        ],
        "video": [
            "The video shows a street musician playing saxophone to a small crowd.",
        ],
        "imagine": [
            "an album cover with a neon city skyline and a saxophone",
        ],
        "items": [
            ("ad", "ad:soundwave-buds", "SoundWave Pro earbuds", "Wireless earbuds with noise cancelling and rich bass for your music on the go.", "adv:soundwave"),
            ("post", "post:90s-hiphop", "The 25 best 90s hip hop albums", "Ranking the classic hip hop albums of the nineties, from Illmatic to Aquemini.", None),
            ("reel", "reel:guitar-chords", "4 guitar chords, 100 songs", "Learn guitar with four chords that play a hundred pop songs.", None),
            ("group", "group:vinyl-collectors", "Vinyl Collectors", "Share record finds, turntable setups and new music recommendations.", None),
            ("page", "page:amapiano-daily", "Amapiano Daily", "Amapiano and Afrobeats music news, new releases and playlists.", None),
        ],
    },
    "movies": {
        "roots": [12],
        "ask": [
            "Recommend some sci-fi movies like Interstellar.",
            "What are the best horror films of the last five years?",
            "Which Christopher Nolan movie should I watch first?",
            "Give me a list of feel-good movies for a family movie night.",
            "Is Dune Part Two worth seeing in IMAX?",
        ],
        "follow": [
            "Any that are streaming now?",
            "Something shorter than two hours?",
            "What about older classics?",
        ],
        "reply": [
            "Try Arrival, Contact, Ad Astra and Gravity; they share the same mix of science and emotion.",
            "Hereditary, The Babadook, Talk to Me and Barbarian are often at the top of recent horror lists.",
            "Start with The Prestige or Inception; they show his style without the longer runtime of Oppenheimer.",
        ],
        "photo": [
            "The photo shows a movie theater screen with a sci-fi film poster beside it.",
            "The photo shows a bowl of popcorn and two tickets for an IMAX screening.",
        ],
        "video": [
            "The video shows a movie trailer with spaceships flying over a desert planet.",
        ],
        "imagine": [
            "a retro movie poster of a detective in a rainy city",
        ],
        "items": [
            ("ad", "ad:cinemax-pass", "CinemaPass monthly", "Watch up to three movies a month in theaters, IMAX included, for one price.", "adv:cinemapass"),
            ("post", "post:scifi-list", "20 sci-fi movies to watch after Interstellar", "Films about space, time and first contact, ranked by a lifelong movie fan.", None),
            ("reel", "reel:nolan-ranked", "Every Nolan movie ranked", "From Memento to Oppenheimer: Christopher Nolan films ranked in one minute.", None),
            ("group", "group:film-club", "Film Club", "Weekly movie picks, reviews and cinema discussion.", None),
            ("page", "page:reel-talk", "Reel Talk", "Movie reviews, box office news and trailers.", None),
        ],
    },
    "tv": {
        "roots": [23],
        "ask": [
            "What should I binge after finishing Succession?",
            "Is The Bear worth watching?",
            "Recommend a cozy British mystery series.",
            "What reality TV shows are popular right now?",
            "Which streaming service has the best TV series this year?",
        ],
        "follow": [
            "How many seasons are there?",
            "Anything lighter?",
            "Where can I stream it?",
        ],
        "reply": [
            "If you liked Succession, try Industry, Billions or The Morning Show for the same sharp dialogue.",
            "Shetland, Vera, Midsomer Murders and Father Brown are classic cozy British mystery series.",
            "The Bear has short episodes and great performances; season one is only eight episodes.",
        ],
        "photo": [
            "The photo shows a living room TV showing the title screen of a drama series.",
        ],
        "video": [
            "The video shows a clip from a cooking competition show with contestants racing the clock.",
        ],
        "imagine": [
            "a cozy living room on a rainy evening with a TV series playing",
        ],
        "items": [
            ("ad", "ad:streamly", "Streamly: 30 days free", "Stream award-winning TV series and new seasons every week. First month free.", "adv:streamly"),
            ("post", "post:binge-list", "What to binge this weekend", "New TV series and returning seasons worth your weekend, from dramas to comedies.", None),
            ("reel", "reel:finale-reaction", "That season finale!", "Reacting to the biggest TV series finale of the year, no spoilers for the first minute.", None),
            ("group", "group:tv-addicts", "TV Series Fans", "Episode discussions, recaps and recommendations for TV shows.", None),
            ("page", "page:couch-critic", "Couch Critic", "TV show reviews and streaming guides.", None),
        ],
    },
    "books": {
        "roots": [2],
        "ask": [
            "Recommend some historical fiction like All the Light We Cannot See.",
            "What are good fantasy series for someone who loved Mistborn?",
            "Can you suggest a book club pick that sparks discussion?",
            "Is a Kindle Paperwhite worth it over reading on my phone?",
            "What should I read after Pride and Prejudice?",
        ],
        "follow": [
            "Something shorter?",
            "Any audiobook versions?",
            "Discussion questions for the club?",
        ],
        "reply": [
            "Try The Nightingale, The Book Thief and Cloud Cuckoo Land; each has the same mix of history and intimate stories.",
            "The Stormlight Archive, The Name of the Wind and The Lies of Locke Lamora are natural next reads after Mistborn.",
            "For Austen fans, Persuasion, North and South and Middlemarch are rewarding next books.",
        ],
        "photo": [
            "The photo shows a stack of novels on a nightstand with reading glasses on top.",
            "The photo shows a bookshop shelf labelled 'Staff Picks' with fantasy paperbacks.",
        ],
        "video": [
            "The video shows someone flipping through an annotated copy of a classic novel.",
        ],
        "imagine": [
            "a cozy library with tall bookshelves and a reading nook by the window",
        ],
        "items": [
            ("ad", "ad:pageturner-ereader", "PageTurner e-reader", "A glare-free e-reader that holds thousands of books. Read anywhere, for weeks on a charge.", "adv:pageturner"),
            ("post", "post:book-club-picks", "12 book club picks for the year", "Novels that spark discussion, from historical fiction to literary thrillers.", None),
            ("reel", "reel:fantasy-books", "Fantasy books for Mistborn fans", "Five epic fantasy series to read next, with magic systems you will love.", None),
            ("group", "group:book-club", "Readers' Book Club", "A monthly book club: vote on the next novel and share reviews.", None),
            ("page", "page:literary-hub", "Literary Hub", "Book reviews, author interviews and reading lists.", None),
        ],
    },
    "travel": {
        "roots": [24],
        "ask": [
            "Plan a 5-day itinerary for Lisbon in May.",
            "What's the cheapest time to fly to Tokyo from Los Angeles?",
            "Which carry-on suitcase fits most airlines' size limits?",
            "Best beaches in Bali for a quiet holiday?",
            "Can you suggest a road trip route along the California coast?",
            "What should I know before visiting Cape Town?",
            "Is the Japan Rail Pass still worth it?",
        ],
        "follow": [
            "Where should we stay?",
            "How many days do we need?",
            "What's the best way to get around?",
            "Any day trips worth doing?",
        ],
        "reply": [
            "Spend two days in Alfama and Baixa, a day trip to Sintra, one day in Belém and one at the beach in Cascais.",
            "Fares are usually lowest from late January to March, outside school holidays and cherry blossom season.",
            "A 55 x 35 x 20 cm spinner fits most international carry-on limits; check budget airlines separately.",
            "Uluwatu and the north coast near Amed are quieter than Kuta and Seminyak.",
        ],
        "photo": [
            "The photo shows a suitcase packed with sandals, a sun hat and a travel guide to Portugal.",
            "The photo shows a busy train station platform with a bullet train arriving.",
            "The photo shows a white-sand beach with turquoise water and a wooden boat.",
        ],
        "video": [
            "The video shows a plane window view over snowy mountains at sunrise.",
        ],
        "imagine": [
            "a tram climbing a narrow street in Lisbon at golden hour",
            "a tropical beach bungalow over turquoise water",
        ],
        "items": [
            ("ad", "ad:skyfare-lisbon", "Flights to Lisbon from $389", "Round-trip flights to Lisbon this spring. Book your city break today.", "adv:skyfare"),
            ("post", "post:lisbon-5-days", "Lisbon in 5 days", "A travel itinerary for Lisbon: Alfama, Belém, Sintra and the beaches of Cascais.", None),
            ("reel", "reel:japan-rail", "Traveling Japan by bullet train", "Tokyo to Kyoto on the shinkansen: travel tips for your first trip to Japan.", None),
            ("group", "group:budget-travelers", "Budget Travelers", "Cheap flights, backpacking routes, hostels and travel hacks.", None),
            ("page", "page:wander-often", "Wander Often", "Travel guides, itineraries and destination inspiration.", None),
        ],
    },
    "gardening": {
        "roots": [11],
        "ask": [
            "When should I plant tomatoes in zone 7?",
            "Why are the leaves on my basil turning yellow?",
            "How do I start a raised bed vegetable garden?",
            "What flowers attract bees and butterflies?",
            "How do I compost in a small backyard?",
        ],
        "follow": [
            "How often should I water?",
            "What soil mix should I use?",
            "Can I grow it in pots?",
        ],
        "reply": [
            "Plant tomatoes outside after the last frost, usually late April to mid-May in zone 7.",
            "Yellow basil leaves often mean overwatering; let the top of the soil dry and make sure the pot drains.",
            "Fill raised beds with a mix of topsoil, compost and a little coarse sand, and put them where they get six hours of sun.",
        ],
        "photo": [
            "The photo shows a raised garden bed with tomato plants, basil and marigolds.",
            "The photo shows a potted basil plant with yellowing lower leaves on a windowsill.",
        ],
        "video": [
            "The video shows bees visiting lavender and coneflowers in a backyard garden.",
        ],
        "imagine": [
            "a lush cottage garden with a winding stone path",
        ],
        "items": [
            ("ad", "ad:greenthumb-beds", "GreenThumb raised garden beds", "Cedar raised beds for vegetables and flowers. Easy to assemble, built to last.", "adv:greenthumb"),
            ("post", "post:tomato-guide", "Growing tomatoes from seed", "When to sow, transplant and stake tomatoes for a big summer harvest in your garden.", None),
            ("reel", "reel:horta-em-casa", "Horta em casa em 5 passos", "Como montar uma horta de temperos na varanda: manjericão, salsa e cebolinha em vasos.", None),
            ("group", "group:backyard-growers", "Backyard Growers", "Vegetable gardening, composting and flower bed advice.", None),
            ("page", "page:garden-diary", "Garden Diary", "Seasonal gardening tips for backyards and balconies.", None),
        ],
    },
    "home_diy": {
        "roots": [11],
        "ask": [
            "How do I paint kitchen cabinets without brush marks?",
            "What's the best cordless drill for home projects?",
            "How can I make a small living room look bigger?",
            "Can you help me fix a leaky faucet?",
            "Ideas to decorate a rental apartment without damaging walls?",
        ],
        "follow": [
            "What color would work?",
            "How long will it take?",
            "Which tools do I need?",
        ],
        "reply": [
            "Degrease, sand lightly, prime, then use a foam roller and a self-leveling enamel paint in thin coats.",
            "Light walls, a large mirror, raised curtains and furniture with visible legs make a small room feel bigger.",
            "Turn off the water under the sink, replace the cartridge or washer, and reassemble with plumber's tape.",
        ],
        "photo": [
            "The photo shows a small living room with a grey sofa, a rug and a gallery wall.",
            "The photo shows kitchen cabinet doors laid out on sawhorses, half painted sage green.",
        ],
        "video": [
            "The video shows a time-lapse of someone laying peel-and-stick floor tiles in a bathroom.",
        ],
        "imagine": [
            "a Scandinavian living room with light wood and plants",
        ],
        "items": [
            ("ad", "ad:torque-drill", "Torque 20V cordless drill", "A compact cordless drill and driver kit for every home improvement project.", "adv:torque"),
            ("post", "post:cabinet-makeover", "Our $200 kitchen cabinet makeover", "Painting kitchen cabinets step by step: degrease, sand, prime and paint.", None),
            ("reel", "reel:rental-decor", "Renter-friendly decor hacks", "Home decor ideas that don't damage walls: peel-and-stick, plants and lighting.", None),
            ("group", "group:diy-home", "DIY Home Projects", "Home improvement, decorating and repair questions from DIYers.", None),
            ("page", "page:nest-and-nook", "Nest & Nook", "Interior design ideas and home decor inspiration.", None),
        ],
    },
    "pets": {
        "roots": [15],
        "ask": [
            "How do I stop my puppy from biting?",
            "What's the best food for a senior cat?",
            "How often should I take my dog to the groomer?",
            "Which dog breeds are good for apartments?",
            "How do I introduce a new kitten to my older cat?",
            "Can you suggest toys for a bored border collie?",
        ],
        "follow": [
            "How long does training take?",
            "Are treats okay?",
            "What about at night?",
        ],
        "reply": [
            "Redirect biting to a chew toy, end play briefly when teeth touch skin, and keep sessions short and positive.",
            "Keep them in separate rooms for a few days, swap bedding so they learn each other's scent, then short supervised visits.",
            "Puzzle feeders, flirt poles and short training sessions tire out herding breeds better than long walks alone.",
        ],
        "photo": [
            "The photo shows a golden retriever puppy chewing a rope toy on a kitchen floor.",
            "The photo shows a grey cat sleeping on a windowsill next to a food bowl.",
        ],
        "video": [
            "The video shows a border collie solving a treat puzzle in under a minute.",
        ],
        "imagine": [
            "a corgi wearing a tiny raincoat in the rain",
        ],
        "items": [
            ("ad", "ad:pawsome-food", "Pawsome dog food", "Vet-formulated dog food for puppies and adult dogs, delivered to your door.", "adv:pawsome"),
            ("post", "post:puppy-training", "Puppy training: the first month", "Crate training, puppy biting and house training tips from our new dog.", None),
            ("reel", "reel:cat-zoomies", "Cat zoomies at 3 a.m.", "Our two cats racing around the apartment at night. Every cat owner knows.", None),
            ("group", "group:dog-owners", "Dog Owners Community", "Dog training, pet food and vet questions from dog owners.", None),
            ("page", "page:purr-and-paw", "Purr & Paw", "Pet care tips for cats and dogs.", None),
        ],
    },
    "fashion": {
        "roots": [21],
        "ask": [
            "What should I wear to a summer wedding as a guest?",
            "How do I build a capsule wardrobe for work?",
            "Which white sneakers go with everything?",
            "What colors suit warm skin undertones?",
            "Find me a denim jacket under $80.",
            "How do I style wide-leg trousers?",
        ],
        "follow": [
            "What shoes would go with it?",
            "Something more casual?",
            "What accessories?",
        ],
        "reply": [
            "A midi dress in a light fabric with block heels is a safe choice for a summer wedding; avoid white.",
            "Start with two trousers, a skirt, five tops, a blazer and neutral shoes that all mix together.",
            "Clean leather sneakers in white or off-white match jeans, chinos and even dresses.",
        ],
        "photo": [
            "The photo shows an outfit laid out on a bed: a linen blazer, white sneakers and a tote bag.",
            "The photo shows a mirror selfie in a floral midi dress and sandals.",
        ],
        "video": [
            "The video shows a quick try-on of three ways to style a denim jacket.",
        ],
        "imagine": [
            "a fashion runway with bold colorful suits",
        ],
        "items": [
            ("ad", "ad:urbanthread-denim", "UrbanThread denim jacket", "Classic denim jacket in three washes. Style it with everything this season.", "adv:urbanthread"),
            ("post", "post:capsule-wardrobe", "My 30-piece capsule wardrobe", "Outfits for work and weekends from thirty pieces of clothing.", None),
            ("reel", "reel:looks-verao", "3 looks de verão", "Três looks de moda para o verão com vestido midi, sandália e bolsa de palha.", None),
            ("group", "group:style-swap", "Style Swap", "Outfit ideas, clothing swaps and fashion advice.", None),
            ("page", "page:street-style", "Street Style Daily", "Fashion trends, outfits and style inspiration.", None),
        ],
    },
    "photography": {
        "roots": [10, 22],
        "ask": [
            "Which mirrorless camera is best for a beginner?",
            "How do I take sharp photos of the Milky Way?",
            "What settings should I use for portraits in daylight?",
            "Is a 50mm f/1.8 lens worth it?",
            "How do I edit photos to look like film?",
        ],
        "follow": [
            "What tripod do I need?",
            "How do I avoid noise?",
            "Which editing app do you recommend?",
        ],
        "reply": [
            "Use a wide lens at f/2.8 or faster, ISO 3200, and about 15 seconds on a tripod away from city lights.",
            "For daylight portraits try f/2.8, 1/250 s and auto ISO, with the sun behind your subject.",
            "A 50mm f/1.8 is cheap, sharp and great for portraits; it's one of the best first lenses.",
        ],
        "photo": [
            "The photo shows a mirrorless camera with a 50mm lens on a wooden table.",
            "The photo shows a long-exposure shot of the Milky Way over a desert.",
        ],
        "video": [
            "The video shows a photographer setting up a tripod on a cliff at blue hour.",
        ],
        "imagine": [
            "a vintage film camera on a table with old photographs",
        ],
        "items": [
            ("ad", "ad:lumen-camera", "Lumen Z50 mirrorless camera", "A compact mirrorless camera for stunning photos and 4K video. Kit lens included.", "adv:lumen"),
            ("post", "post:milky-way", "How I shot the Milky Way", "Camera settings, lens choice and editing for night sky photography.", None),
            ("reel", "reel:portrait-tips", "3 portrait photography tips", "Better portraits with one lens: light, background and angle.", None),
            ("group", "group:photo-walks", "Photo Walks", "Share your photography, camera tips and meet up for photo walks.", None),
            ("page", "page:shutter-club", "Shutter Club", "Photography tutorials and camera gear reviews.", None),
        ],
    },
    "art": {
        "roots": [8],
        "ask": [
            "How do I start with watercolor painting?",
            "Which museums in New York have the best impressionist collections?",
            "Can you explain what makes Van Gogh's style unique?",
            "What supplies do I need for oil painting?",
            "How do I price my paintings for a local art fair?",
        ],
        "follow": [
            "What paper should I use?",
            "Any artists I should study?",
            "How do I frame them?",
        ],
        "reply": [
            "Start with a small set of student watercolors, two round brushes and 300 gsm cold-press paper.",
            "The Met and MoMA both have strong impressionist and post-impressionist galleries.",
            "Van Gogh used thick impasto, bold complementary colors and visible directional brushstrokes.",
        ],
        "photo": [
            "The photo shows a watercolor painting of a harbor in progress with brushes and a palette.",
            "The photo shows a museum gallery with a large impressionist landscape painting.",
        ],
        "video": [
            "The video shows a painter blending oil colors on a canvas with a palette knife.",
        ],
        "imagine": [
            "an oil painting of a lighthouse in the style of impressionism",
        ],
        "items": [
            ("ad", "ad:atelier-paints", "Atelier watercolor set", "24 artist-grade watercolor paints with brushes and paper for painting at home.", "adv:atelier"),
            ("post", "post:watercolor-basics", "Watercolor for beginners", "Painting techniques for wet-on-wet, glazing and lifting color.", None),
            ("reel", "reel:palette-knife", "Palette knife painting", "A full oil painting of a sunset made with only a palette knife.", None),
            ("group", "group:sketch-daily", "Sketch & Paint Daily", "Artists sharing drawings, paintings and art critiques.", None),
            ("page", "page:gallery-notes", "Gallery Notes", "Fine art, museum exhibitions and painter profiles.", None),
        ],
    },
    "careers": {
        "roots": [4],
        "ask": [
            "Can you review my resume summary for a product manager role?",
            "How do I answer 'what is your biggest weakness' in an interview?",
            "How do I negotiate a higher salary offer?",
            "Write a cover letter for a junior data analyst job.",
            "Should I switch careers into UX design at 35?",
        ],
        "follow": [
            "Make it shorter.",
            "What questions should I ask them?",
            "How do I follow up after the interview?",
        ],
        "reply": [
            "Lead with results: name the products you shipped and the metrics they moved, in two or three lines.",
            "Pick a real weakness that doesn't block the job and explain what you're doing to improve it.",
            "Thank them, restate your enthusiasm, then give a number backed by market data and your experience.",
        ],
        "photo": [
            "The photo shows a printed resume with red pen corrections on a desk.",
        ],
        "video": [
            "The video shows a mock job interview over a video call.",
        ],
        "imagine": [
            "a professional headshot style portrait in a modern office",
        ],
        "items": [
            ("ad", "ad:hireup", "HireUp job search", "Find your next job: thousands of openings in tech, sales and design. Apply in one click.", "adv:hireup"),
            ("post", "post:salary-negotiation", "How I negotiated a 15% raise", "Salary negotiation scripts for a job offer and for your annual review.", None),
            ("reel", "reel:interview-tips", "3 job interview mistakes", "Job interview tips to land the offer: prepare stories, ask questions, follow up.", None),
            ("group", "group:career-switchers", "Career Switchers", "Changing careers, resumes, job interviews and networking.", None),
            ("page", "page:work-life", "Work Life", "Career advice, job search tips and workplace stories.", None),
        ],
    },
    "education": {
        "roots": [5],
        "ask": [
            "Can you explain photosynthesis for a 6th grader?",
            "How do I help my kid with long division homework?",
            "What are good online courses to learn Spanish?",
            "How should I study for the SAT in three months?",
            "Make flashcards for the main causes of World War I.",
        ],
        "follow": [
            "Can you give me a practice question?",
            "Simpler please.",
            "How long should each study session be?",
        ],
        "reply": [
            "Plants use sunlight, water and carbon dioxide to make sugar for energy, and they release oxygen.",
            "Use the steps divide, multiply, subtract, bring down; practice with graph paper to keep columns aligned.",
            "Take a diagnostic test, focus on your weakest section, and do a full timed practice test every two weeks.",
        ],
        "photo": [
            "The photo shows a math worksheet with long division problems and eraser marks.",
        ],
        "video": [
            "The video shows a teacher explaining fractions on a whiteboard.",
        ],
        "imagine": [
            "a colorful classroom with a globe and science posters",
        ],
        "items": [
            ("ad", "ad:learnly", "Learnly tutoring", "Online tutoring in math, reading and science for every grade. First lesson free.", "adv:learnly"),
            ("post", "post:study-tips", "Study tips that actually work", "Spaced repetition, practice tests and focused study sessions for students.", None),
            ("reel", "reel:math-trick", "A math trick for long division", "Homework help: a quick way to check long division answers.", None),
            ("group", "group:homeschool", "Learning at Home", "Teachers and parents sharing school lessons, homework help and study resources.", None),
            ("page", "page:curious-minds", "Curious Minds", "Education resources and learning tips for students.", None),
        ],
    },
    "real_estate": {
        "roots": [17],
        "ask": [
            "What should I look for when touring a house for sale?",
            "Is it better to rent or buy in Austin right now?",
            "How much down payment do I need for a first home?",
            "How do I price my condo to sell quickly?",
            "What does a home inspection usually cover?",
        ],
        "follow": [
            "What about closing costs?",
            "How long does it take?",
            "Should I get a real estate agent?",
        ],
        "reply": [
            "Check the roof, foundation, windows, water pressure and signs of damp, and visit the neighborhood at night.",
            "Many first-time buyer programs allow 3 to 5 percent down, but 20 percent avoids mortgage insurance.",
            "Price it just under a round number based on recent comparable sales, and stage the main rooms.",
        ],
        "photo": [
            "The photo shows a 'For Sale' sign in front of a two-story house with a porch.",
        ],
        "video": [
            "The video shows a walkthrough of a bright open-plan condo with a balcony.",
        ],
        "imagine": [
            "a modern farmhouse with a big porch at dusk",
        ],
        "items": [
            ("ad", "ad:homefinder", "HomeFinder listings", "Browse homes for sale and rentals near you. Get alerts for new listings.", "adv:homefinder"),
            ("post", "post:first-home", "Buying our first home: what we learned", "Down payment, mortgage pre-approval, house tours and the home inspection.", None),
            ("reel", "reel:condo-tour", "Condo tour: $450k", "A tour of a two-bedroom condo for sale with city views.", None),
            ("group", "group:first-time-buyers", "First-Time Home Buyers", "Mortgages, house hunting and real estate questions.", None),
            ("page", "page:open-house", "Open House", "Real estate market news and property listings.", None),
        ],
    },
    "science": {
        "roots": [18],
        "ask": [
            "When can I see the next meteor shower?",
            "Explain black holes like I'm 12.",
            "Which telescope is good for seeing Saturn's rings?",
            "Why is the sky blue but sunsets are red?",
            "What did the James Webb telescope discover recently?",
        ],
        "follow": [
            "How far away is it?",
            "Can I see it without a telescope?",
            "Any good documentaries about it?",
        ],
        "reply": [
            "The Perseids peak in mid-August; find a dark spot and look northeast after midnight.",
            "A black hole is a place where gravity is so strong that not even light can escape once it crosses the event horizon.",
            "A 70 mm refractor or a 130 mm reflector shows Saturn's rings clearly at about 100x magnification.",
        ],
        "photo": [
            "The photo shows a backyard telescope pointed at a bright moon.",
        ],
        "video": [
            "The video shows a rocket launch lifting off at night.",
        ],
        "imagine": [
            "a realistic view of Saturn from one of its moons",
        ],
        "items": [
            ("ad", "ad:starview-scope", "StarView 130 telescope", "See Saturn's rings and the craters of the Moon with this beginner telescope.", "adv:starview"),
            ("post", "post:webb-discoveries", "Five discoveries from the Webb telescope", "Galaxies, exoplanet atmospheres and star nurseries: astronomy news explained.", None),
            ("reel", "reel:meteor-shower", "How to watch a meteor shower", "Astronomy tips: where to look, when to go, and why you need 20 minutes of darkness.", None),
            ("group", "group:backyard-astronomy", "Backyard Astronomy", "Stargazing, telescopes and space science for amateurs.", None),
            ("page", "page:science-now", "Science Now", "Science news about space, physics and the natural world.", None),
        ],
    },
    "pop_culture": {
        "roots": [16],
        "ask": [
            "What happened at the Grammys this year?",
            "Explain the latest celebrity drama everyone is talking about.",
            "What anime should I start with if I liked Spider-Verse?",
            "Which K-pop groups have comebacks this month?",
            "What are the biggest memes of the week?",
        ],
        "follow": [
            "Who won best new artist?",
            "Where can I watch it?",
            "Any concert dates announced?",
        ],
        "reply": [
            "Try Jujutsu Kaisen, Demon Slayer or Cyberpunk: Edgerunners for a similar energetic visual style.",
            "Several big groups have comebacks scheduled; fan sites track the teaser calendar day by day.",
            "Highlights included surprise performances and a few upsets in the album categories.",
        ],
        "photo": [
            "The photo shows a shelf of anime figures and manga volumes.",
            "The photo shows a light stick and a concert ticket for a K-pop tour.",
        ],
        "video": [
            "The video shows a dance cover of a K-pop song in a studio with mirrors.",
        ],
        "imagine": [
            "an anime-style city street at night with cherry blossoms",
        ],
        "items": [
            ("ad", "ad:fanbox", "FanBox collectibles", "Anime figures, K-pop albums and pop culture merch shipped worldwide.", "adv:fanbox"),
            ("post", "post:awards-recap", "Awards night recap", "Every celebrity red carpet moment and surprise win from awards night.", None),
            ("reel", "reel:kpop-dance", "K-pop dance challenge", "Learning the viral K-pop dance challenge in one take.", None),
            ("group", "group:anime-fans", "Anime & Manga Fans", "Discuss new anime seasons, manga chapters and fandom news.", None),
            ("page", "page:trending-now", "Trending Now", "Celebrity news, memes and pop culture.", None),
        ],
    },
    "events": {
        "roots": [6],
        "ask": [
            "What festivals are happening in Austin this spring?",
            "Which theme park is best for teenagers in Orlando?",
            "How do I get cheap tickets to a sold-out concert?",
            "Plan a fun weekend in Chicago with a show and a museum.",
            "What should I bring to a three-day music festival?",
        ],
        "follow": [
            "How much are tickets?",
            "Is parking easy?",
            "What time should we arrive?",
        ],
        "reply": [
            "Check the official resale platform first; prices often drop a day or two before the show.",
            "Bring earplugs, a refillable bottle, a portable charger, sunscreen and a light rain jacket.",
            "For teens, the parks with the biggest roller coasters are usually the hit; buy tickets online to skip lines.",
        ],
        "photo": [
            "The photo shows a festival main stage with confetti and a big crowd at sunset.",
            "The photo shows a roller coaster loop at a theme park.",
        ],
        "video": [
            "The video shows fireworks over a theme park castle.",
        ],
        "imagine": [
            "a colorful music festival at night with lanterns",
        ],
        "items": [
            ("ad", "ad:tixnow", "TixNow: concerts near you", "Tickets for concerts, festivals, shows and theme parks. No hidden fees.", "adv:tixnow"),
            ("post", "post:festival-guide", "Summer festival guide", "The best music festivals, fairs and live events this summer, with ticket tips.", None),
            ("reel", "reel:theme-park", "Riding the new roller coaster", "First ride on the tallest roller coaster at the theme park.", None),
            ("group", "group:concert-goers", "Concert Goers", "Share tickets, festival plans and live show reviews.", None),
            ("page", "page:whats-on", "What's On", "Events, concerts and attractions in your city.", None),
        ],
    },
    "shopping": {
        "roots": [19],
        "ask": [
            "What are the best Black Friday deals on TVs?",
            "Is it cheaper to buy groceries online or in store?",
            "Find me a good robot vacuum under $300.",
            "Which coupon apps actually save money?",
            "Help me compare two air fryers.",
        ],
        "follow": [
            "Where is it cheapest?",
            "Does it come with a warranty?",
            "Any discount codes?",
        ],
        "reply": [
            "Mid-range 55-inch TVs usually see the deepest discounts; compare prices across two or three retailers.",
            "Look for a robot vacuum with LiDAR mapping and a self-emptying base if your budget stretches.",
            "Cashback apps and store loyalty programs stack well with coupons at checkout.",
        ],
        "photo": [
            "The photo shows a shopping cart full of boxes with sale stickers.",
            "The photo shows two air fryers side by side on a store shelf.",
        ],
        "video": [
            "The video shows an unboxing haul of online shopping orders.",
        ],
        "imagine": [
            "a bright shopping street with holiday decorations",
        ],
        "items": [
            ("ad", "ad:dealdash-vacuum", "CleanBot robot vacuum: 40% off", "A robot vacuum with smart mapping, now on sale. Free shipping this week.", "adv:dealdash"),
            ("post", "post:deal-roundup", "This week's best deals", "Discounts on TVs, kitchen appliances and headphones, with coupon codes.", None),
            ("reel", "reel:haul", "Online shopping haul", "Unboxing my online shopping orders: what was worth it and what I returned.", None),
            ("group", "group:deal-hunters", "Deal Hunters", "Share sales, coupons and price drops from your favorite stores.", None),
            ("page", "page:smart-shopper", "Smart Shopper", "Shopping guides, product comparisons and deals.", None),
        ],
    },
    "business": {
        "roots": [3],
        "ask": [
            "How do I write a business plan for a food truck?",
            "What's the best way to market a small bakery on social media?",
            "Should I register my side business as an LLC?",
            "Help me price my freelance design services.",
            "What accounting software is good for a small business?",
        ],
        "follow": [
            "How much startup capital do I need?",
            "What about taxes?",
            "How do I get my first customers?",
        ],
        "reply": [
            "Cover the concept, target market, costs, pricing, permits and a 12-month cash flow forecast.",
            "Post behind-the-scenes videos, run a weekly special, and ask happy customers to leave reviews.",
            "An LLC separates your personal and business liability; the cost and paperwork vary by state.",
        ],
        "photo": [
            "The photo shows a small shop counter with a card reader and a chalkboard menu.",
        ],
        "video": [
            "The video shows a founder pitching a startup on a stage.",
        ],
        "imagine": [
            "a logo for a small coffee roasting business",
        ],
        "items": [
            ("ad", "ad:ledgerly", "Ledgerly small business accounting", "Invoices, payroll and taxes for small businesses in one place. Try it free.", "adv:ledgerly"),
            ("post", "post:food-truck-plan", "How we launched our food truck business", "Business plan, permits, startup costs and the first year of revenue.", None),
            ("reel", "reel:marketing-tip", "Small business marketing tip", "One social media post a day grew our small business sales by 30 percent.", None),
            ("group", "group:small-biz", "Small Business Owners", "Entrepreneurs sharing marketing, accounting and hiring advice.", None),
            ("page", "page:startup-daily", "Startup Daily", "Business news, startups and entrepreneurship.", None),
        ],
    },
    "crafts": {
        "roots": [10],
        "ask": [
            "What's an easy first knitting project?",
            "How do I start a bullet journal?",
            "Which sewing machine is good for beginners?",
            "Can you suggest a crochet pattern for a baby blanket?",
            "What can I make with leftover yarn?",
        ],
        "follow": [
            "What needle size?",
            "How long will it take?",
            "Any video tutorials?",
        ],
        "reply": [
            "A garter-stitch scarf with worsted yarn and 5 mm needles is the classic first project.",
            "A simple mechanical sewing machine with a few stitch types is easier to learn than a computerized one.",
            "Leftover yarn is perfect for granny squares, pom-poms or a striped scrap blanket.",
        ],
        "photo": [
            "The photo shows a half-finished knitted scarf with balls of blue yarn.",
            "The photo shows a bullet journal spread with hand-drawn calendars and washi tape.",
        ],
        "video": [
            "The video shows hands crocheting a granny square in close-up.",
        ],
        "imagine": [
            "a cozy craft room full of yarn and fabric",
        ],
        "items": [
            ("ad", "ad:yarnly", "Yarnly knitting kits", "Beginner knitting and crochet kits with yarn, needles and patterns.", "adv:yarnly"),
            ("post", "post:first-scarf", "My first knitted scarf", "A beginner knitting project: garter stitch, casting on and binding off.", None),
            ("reel", "reel:granny-square", "Crochet a granny square", "A quick crochet tutorial for the classic granny square.", None),
            ("group", "group:makers-circle", "Makers Circle", "Knitting, crochet, sewing and crafts.", None),
            ("page", "page:crafty-corner", "Crafty Corner", "DIY crafts, knitting patterns and hobby projects.", None),
        ],
    },
    "fishing": {
        "roots": [10, 20],
        "ask": [
            "What's the best bait for bass in early spring?",
            "Which spinning reel is good for a beginner?",
            "How do I tie a Palomar knot?",
            "Where can I fly fish near Calgary?",
        ],
        "follow": [
            "What time of day is best?",
            "Do I need a license?",
        ],
        "reply": [
            "In early spring, slow-moving jigs and soft plastics near warming shallows work well for bass.",
            "Double the line, tie an overhand knot, pass the hook through the loop, then moisten and pull tight.",
            "A 2500-size spinning reel on a medium rod handles most freshwater fishing.",
        ],
        "photo": [
            "The photo shows a largemouth bass held over a lake at dawn.",
            "The photo shows a tackle box with lures, hooks and a spool of line.",
        ],
        "video": [
            "The video shows someone casting a fly rod on a mountain river.",
        ],
        "imagine": [
            "a misty lake at sunrise with a small fishing boat",
        ],
        "items": [
            ("ad", "ad:reelmaster", "ReelMaster spinning combo", "A rod and reel fishing combo for lakes and rivers. Ready to fish out of the box.", "adv:reelmaster"),
            ("post", "post:bass-spring", "Spring bass fishing tips", "Lures, depths and times of day for catching bass as the water warms.", None),
            ("reel", "reel:fly-cast", "Fly casting in slow motion", "A fly fishing casting lesson on a mountain river.", None),
            ("group", "group:anglers", "Weekend Anglers", "Fishing reports, lures and tackle advice.", None),
            ("page", "page:tight-lines", "Tight Lines", "Fishing tips and catch photos.", None),
        ],
    },
}

# The topics each catalog item is given: the most specific taxonomy nodes (tier 2 or 3) its title
# and text are about, never a bare root (a node implies its ancestors, so roots are not listed). Ids
# are those of crates/gleaner-taxonomy/data/taxonomy.tsv; the path of each is in the comment.
ITEM_TOPICS = {
    "ad:boots-01": [412],  # Sports > Hiking & trekking > Hiking & trekking gear
    "post:hike-packing-list": [413, 412],  # Sports > Hiking & trekking > Multi-day trekking; Sports > Hiking & trekking > Hiking & trekking gear
    "reel:ridge-hike": [411],  # Sports > Hiking & trekking > Day hiking
    "group:weekend-hikers": [411, 413],  # Sports > Hiking & trekking > Day hiking; Sports > Hiking & trekking > Multi-day trekking
    "page:trail-runners": [416, 410],  # Sports > Running > Trail running; Sports > Hiking & trekking
    "ad:stride-shoes": [415, 417],  # Sports > Running > Road running; Sports > Running > Marathons & races
    "post:half-marathon-plan": [417],  # Sports > Running > Marathons & races
    "reel:interval-workout": [417],  # Sports > Running > Marathons & races
    "group:city-runners": [415, 417],  # Sports > Running > Road running; Sports > Running > Marathons & races
    "page:run-weekly": [417],  # Sports > Running > Marathons & races
    "ad:flexbell": [419, 421],  # Sports > Fitness & exercise > Gym & strength training; Sports > Fitness & exercise > Home workouts
    "post:home-workout": [421, 419],  # Sports > Fitness & exercise > Home workouts; Sports > Fitness & exercise > Gym & strength training
    "reel:deadlift-form": [419],  # Sports > Fitness & exercise > Gym & strength training
    "group:home-gym": [419, 421],  # Sports > Fitness & exercise > Gym & strength training; Sports > Fitness & exercise > Home workouts
    "page:strong-daily": [419],  # Sports > Fitness & exercise > Gym & strength training
    "ad:golazo-cleats": [428],  # Sports > Soccer
    "post:derby-recap": [428],  # Sports > Soccer
    "reel:golazo-semana": [428],  # Sports > Soccer
    "group:sunday-league": [428],  # Sports > Soccer
    "page:futebol-total": [428],  # Sports > Soccer
    "ad:cucina-skillet": [330, 534],  # Food & Drink > Cooking; Home & Garden > Kitchen & dining
    "post:weeknight-dinners": [331],  # Food & Drink > Cooking > Quick & easy meals
    "reel:tacos-pastor": [347],  # Food & Drink > World cuisines > Mexican cuisine
    "group:home-cooks": [330],  # Food & Drink > Cooking
    "page:recipe-box": [331, 332],  # Food & Drink > Cooking > Quick & easy meals; Food & Drink > Cooking > Meal prep
    "ad:mixer-pro": [339, 518],  # Food & Drink > Baking & desserts; Home & Garden > Home appliances > Kitchen appliances
    "post:sourdough-tips": [340],  # Food & Drink > Baking & desserts > Bread baking
    "reel:croissant-lamination": [342],  # Food & Drink > Baking & desserts > Cookies & pastries
    "group:bread-bakers": [340],  # Food & Drink > Baking & desserts > Bread baking
    "page:sweet-oven": [341, 342],  # Food & Drink > Baking & desserts > Cakes & cupcakes; Food & Drink > Baking & desserts > Cookies & pastries
    "ad:pixelforge-headset": [894],  # Video Gaming > Gaming hardware & accessories
    "post:coop-games": [876, 878],  # Video Gaming > Video game genres > Action-adventure games; Video Gaming > Video game genres > Role-playing games
    "reel:speedrun": [893],  # Video Gaming > Game streaming & let's plays
    "group:gamers-lounge": [893],  # Video Gaming > Game streaming & let's plays
    "page:nextgen-play": [870],  # Video Gaming > Console gaming
    "ad:voltbook": [765],  # Technology & Computing > Computing > Laptops
    "post:mesh-wifi": [770],  # Technology & Computing > Computing > Computer networking
    "reel:pc-build": [768],  # Technology & Computing > Computing > PC building & components
    "group:pc-builders": [768, 789],  # Technology & Computing > Computing > PC building & components; Technology & Computing > Internet > IT support & troubleshooting
    "page:gadget-lab": [801],  # Technology & Computing > Tech news & gadgets
    "ad:tot-seat": [291],  # Family & Parenting > Babies & toddlers > Baby gear
    "post:toddler-sleep": [292],  # Family & Parenting > Babies & toddlers > Baby sleep & routines
    "reel:rainy-day-kids": [298],  # Family & Parenting > Family activities
    "group:parents-circle": [290, 294],  # Family & Parenting > Babies & toddlers; Family & Parenting > Parenting kids (4-11)
    "page:family-time": [294, 298],  # Family & Parenting > Parenting kids (4-11); Family & Parenting > Family activities
    "ad:volta-ev": [107, 101],  # Automotive > Car types > Electric & hybrid cars; Automotive > Car types > SUVs & crossovers
    "post:hybrid-vs-ev": [107],  # Automotive > Car types > Electric & hybrid cars
    "reel:car-show": [127, 110],  # Automotive > Auto shows; Automotive > Car types > Classic cars
    "group:truck-owners": [116, 102],  # Automotive > Car maintenance & repair; Automotive > Car types > Pickup trucks
    "page:motor-weekly": [128, 112],  # Automotive > Car culture; Automotive > Car buying & selling
    "ad:nestegg-app": [603, 601],  # Personal Finance > Budgeting & saving money; Personal Finance > Banking > Savings accounts
    "post:budget-5030": [603],  # Personal Finance > Budgeting & saving money
    "reel:index-funds": [609],  # Personal Finance > Investing > Mutual funds & ETFs
    "group:money-smart": [603, 613, 607],  # Personal Finance > Budgeting & saving money; Personal Finance > Credit & debt; Personal Finance > Investing
    "page:frugal-life": [629, 603],  # Personal Finance > Frugal living; Personal Finance > Budgeting & saving money
    "ad:soundwave-buds": [796],  # Technology & Computing > Consumer electronics > Headphones & speakers
    "post:90s-hiphop": [576],  # Music & Audio > Hip hop & rap
    "reel:guitar-chords": [491, 570],  # Hobbies & Interests > Playing musical instruments > Guitar; Music & Audio > Pop music
    "group:vinyl-collectors": [399],  # Hobbies & Interests > Collecting > Vinyl & record collecting
    "page:amapiano-daily": [588, 579],  # Music & Audio > World music > Afrobeats; Music & Audio > Electronic & dance music
    "ad:cinemax-pass": [556],  # Movies > Movie theaters
    "post:scifi-list": [549],  # Movies > Science fiction movies
    "reel:nolan-ranked": [557],  # Movies > Movie reviews & trivia
    "group:film-club": [557],  # Movies > Movie reviews & trivia
    "page:reel-talk": [557],  # Movies > Movie reviews & trivia
    "ad:streamly": [810],  # Television > Streaming services
    "post:binge-list": [812, 813],  # Television > Drama series; Television > Comedy series & sitcoms
    "reel:finale-reaction": [812],  # Television > Drama series
    "group:tv-addicts": [812, 813],  # Television > Drama series; Television > Comedy series & sitcoms
    "page:couch-critic": [810],  # Television > Streaming services
    "ad:pageturner-ereader": [160, 792],  # Books & Literature > E-books & e-readers; Technology & Computing > Consumer electronics > Tablets & e-readers
    "post:book-club-picks": [161, 144, 141],  # Books & Literature > Book clubs & reading; Books & Literature > Fiction > Historical fiction; Books & Literature > Fiction > Mystery & thriller novels
    "reel:fantasy-books": [143],  # Books & Literature > Fiction > Science fiction & fantasy books
    "group:book-club": [161],  # Books & Literature > Book clubs & reading
    "page:literary-hub": [161],  # Books & Literature > Book clubs & reading
    "ad:skyfare-lisbon": [840, 831, 851],  # Travel > Flights & air travel; Travel > Destinations > Europe travel; Travel > Day trips & city breaks
    "post:lisbon-5-days": [831, 860],  # Travel > Destinations > Europe travel; Travel > Travel planning & tips
    "reel:japan-rail": [854, 834],  # Travel > Train travel; Travel > Destinations > Asia travel
    "group:budget-travelers": [846, 844],  # Travel > Budget travel & backpacking; Travel > Hotels & lodging > Hostels
    "page:wander-often": [830, 860],  # Travel > Destinations; Travel > Travel planning & tips
    "ad:greenthumb-beds": [501, 503],  # Home & Garden > Gardening > Vegetable gardening; Home & Garden > Gardening > Flowers & ornamental plants
    "post:tomato-guide": [501],  # Home & Garden > Gardening > Vegetable gardening
    "reel:horta-em-casa": [501],  # Home & Garden > Gardening > Vegetable gardening
    "group:backyard-growers": [501, 505, 503],  # Home & Garden > Gardening > Vegetable gardening; Home & Garden > Gardening > Composting; Home & Garden > Gardening > Flowers & ornamental plants
    "page:garden-diary": [500],  # Home & Garden > Gardening
    "ad:torque-drill": [513],  # Home & Garden > Home improvement > Power tools & hand tools
    "post:cabinet-makeover": [515, 511],  # Home & Garden > Remodeling & renovation > Kitchen remodeling; Home & Garden > Home improvement > Painting & wallpaper
    "reel:rental-decor": [522],  # Home & Garden > Interior decorating
    "group:diy-home": [508, 522],  # Home & Garden > Home improvement > DIY repairs; Home & Garden > Interior decorating
    "page:nest-and-nook": [522],  # Home & Garden > Interior decorating
    "ad:pawsome-food": [633],  # Pets > Dogs > Dog food & treats
    "post:puppy-training": [632, 631],  # Pets > Dogs > Puppies; Pets > Dogs > Dog training
    "reel:cat-zoomies": [634],  # Pets > Cats
    "group:dog-owners": [631, 633, 642],  # Pets > Dogs > Dog training; Pets > Dogs > Dog food & treats; Pets > Veterinary care
    "page:purr-and-paw": [634, 630],  # Pets > Cats; Pets > Dogs
    "ad:urbanthread-denim": [750],  # Style & Fashion > Outerwear
    "post:capsule-wardrobe": [732, 737],  # Style & Fashion > Women's fashion > Women's clothing; Style & Fashion > Men's fashion > Men's clothing
    "reel:looks-verao": [732, 733, 734],  # Style & Fashion > Women's fashion > Women's clothing; Style & Fashion > Women's fashion > Women's shoes; Style & Fashion > Women's fashion > Handbags & wallets
    "group:style-swap": [749],  # Style & Fashion > Sustainable & secondhand fashion
    "page:street-style": [744, 742],  # Style & Fashion > Street style; Style & Fashion > Fashion trends
    "ad:lumen-camera": [392, 794],  # Hobbies & Interests > Photography > Photo gear; Technology & Computing > Consumer electronics > Cameras
    "post:milky-way": [391],  # Hobbies & Interests > Photography
    "reel:portrait-tips": [391],  # Hobbies & Interests > Photography
    "group:photo-walks": [391],  # Hobbies & Interests > Photography
    "page:shutter-club": [392],  # Hobbies & Interests > Photography > Photo gear
    "ad:atelier-paints": [384, 310],  # Hobbies & Interests > Arts & crafts > Painting (hobby); Fine Art > Painting & drawing (art)
    "post:watercolor-basics": [310, 384],  # Fine Art > Painting & drawing (art); Hobbies & Interests > Arts & crafts > Painting (hobby)
    "reel:palette-knife": [310],  # Fine Art > Painting & drawing (art)
    "group:sketch-daily": [310],  # Fine Art > Painting & drawing (art)
    "page:gallery-notes": [271, 310],  # Events & Attractions > Museums & galleries; Fine Art > Painting & drawing (art)
    "ad:hireup": [220],  # Careers > Job search
    "post:salary-negotiation": [232],  # Careers > Salary & negotiation
    "reel:interview-tips": [222],  # Careers > Job search > Job interviews
    "group:career-switchers": [225, 221, 222],  # Careers > Career planning & change; Careers > Job search > Resume writing; Careers > Job search > Job interviews
    "page:work-life": [224, 220, 233],  # Careers > Career advice; Careers > Job search; Careers > Workplace & office life
    "ad:learnly": [248, 249],  # Education > Primary school; Education > Secondary school
    "post:study-tips": [252],  # Education > Homework & study skills
    "reel:math-trick": [252, 248],  # Education > Homework & study skills; Education > Primary school
    "group:homeschool": [251, 252],  # Education > Homeschooling; Education > Homework & study skills
    "page:curious-minds": [252],  # Education > Homework & study skills
    "ad:homefinder": [662, 664],  # Real Estate > Buying a home; Real Estate > Renting
    "post:first-home": [662, 615],  # Real Estate > Buying a home; Personal Finance > Credit & debt > Mortgages
    "reel:condo-tour": [660],  # Real Estate > Apartments
    "group:first-time-buyers": [662, 615],  # Real Estate > Buying a home; Personal Finance > Credit & debt > Mortgages
    "page:open-house": [662, 191],  # Real Estate > Buying a home; Business & Finance > Economy > Housing market
    "ad:starview-scope": [687],  # Science > Space & astronomy > Stargazing & telescopes
    "post:webb-discoveries": [688],  # Science > Space & astronomy > Space exploration
    "reel:meteor-shower": [687],  # Science > Space & astronomy > Stargazing & telescopes
    "group:backyard-astronomy": [687],  # Science > Space & astronomy > Stargazing & telescopes
    "page:science-now": [686, 685],  # Science > Space & astronomy; Science > Physics
    "ad:fanbox": [658, 587, 816],  # Pop Culture > Fandoms; Music & Audio > World music > K-pop; Television > Anime & animation
    "post:awards-recap": [650, 282],  # Pop Culture > Celebrity news; Events & Attractions > Awards shows
    "reel:kpop-dance": [659, 587],  # Pop Culture > Viral challenges & trends; Music & Audio > World music > K-pop
    "group:anime-fans": [816, 150, 658],  # Television > Anime & animation; Books & Literature > Comics & graphic novels > Manga; Pop Culture > Fandoms
    "page:trending-now": [650, 655],  # Pop Culture > Celebrity news; Pop Culture > Memes & internet culture
    "ad:tixnow": [288],  # Events & Attractions > Event tickets
    "post:festival-guide": [278, 281],  # Events & Attractions > Concerts & live music > Music festivals; Events & Attractions > Festivals & fairs
    "reel:theme-park": [270],  # Events & Attractions > Amusement & theme parks
    "group:concert-goers": [278, 288],  # Events & Attractions > Concerts & live music > Music festivals; Events & Attractions > Event tickets
    "page:whats-on": [277, 281],  # Events & Attractions > Concerts & live music; Events & Attractions > Festivals & fairs
    "ad:dealdash-vacuum": [520, 707],  # Home & Garden > Home appliances > Vacuums & floor care; Shopping > Sales & promotions
    "post:deal-roundup": [700, 707],  # Shopping > Coupons & discounts; Shopping > Sales & promotions
    "reel:haul": [710],  # Shopping > Online marketplaces
    "group:deal-hunters": [707, 700, 713],  # Shopping > Sales & promotions; Shopping > Coupons & discounts; Shopping > Price comparison
    "page:smart-shopper": [713, 707],  # Shopping > Price comparison; Shopping > Sales & promotions
    "ad:ledgerly": [179, 172],  # Business & Finance > Business > Accounting & bookkeeping; Business & Finance > Business > Small business
    "post:food-truck-plan": [171, 172],  # Business & Finance > Business > Startups & entrepreneurship; Business & Finance > Business > Small business
    "reel:marketing-tip": [175, 172],  # Business & Finance > Business > Social media marketing; Business & Finance > Business > Small business
    "group:small-biz": [172, 171],  # Business & Finance > Business > Small business; Business & Finance > Business > Startups & entrepreneurship
    "page:startup-daily": [171],  # Business & Finance > Business > Startups & entrepreneurship
    "ad:yarnly": [381],  # Hobbies & Interests > Arts & crafts > Knitting & crochet
    "post:first-scarf": [381],  # Hobbies & Interests > Arts & crafts > Knitting & crochet
    "reel:granny-square": [381],  # Hobbies & Interests > Arts & crafts > Knitting & crochet
    "group:makers-circle": [381, 382],  # Hobbies & Interests > Arts & crafts > Knitting & crochet; Hobbies & Interests > Arts & crafts > Sewing & embroidery
    "page:crafty-corner": [381],  # Hobbies & Interests > Arts & crafts > Knitting & crochet
    "ad:reelmaster": [455],  # Sports > Fishing
    "post:bass-spring": [455],  # Sports > Fishing
    "reel:fly-cast": [455],  # Sports > Fishing
    "group:anglers": [455],  # Sports > Fishing
    "page:tight-lines": [455],  # Sports > Fishing
}

# Localized conversation material for Spanish, Portuguese and French speakers (theme -> lists).
LOCAL = {
    "es": {
        "cooking": {
            "ask": [
                "¿Qué puedo cocinar hoy con pollo, arroz y pimientos?",
                "Dame una receta de mole poblano fácil para ocho personas.",
                "¿Cuánto tiempo marino la carne para tacos al pastor?",
            ],
            "follow": ["¿Lo puedo preparar un día antes?", "¿Qué postre va bien con eso?"],
            "reply": [
                "Dora el pollo, añade el arroz y los pimientos con caldo y deja cocinar a fuego lento veinte minutos.",
                "Tuesta los chiles, muélelos con chocolate, especias y caldo, y cocina la salsa a fuego bajo una hora.",
            ],
        },
        "gardening": {
            "ask": ["¿Cuándo siembro tomates y chiles en el huerto?", "¿Por qué se ponen amarillas las hojas de mi albahaca?"],
            "follow": ["¿Cada cuánto riego?"],
            "reply": ["Siembra después de la última helada, en un lugar con seis horas de sol y tierra con composta."],
        },
        "soccer": {
            "ask": ["¿Quién crees que gana el clásico este domingo?", "Dame ejercicios de pase para un equipo infantil de fútbol."],
            "follow": ["¿Y quién es el máximo goleador?"],
            "reply": ["Es un partido muy parejo; el equipo local llega en mejor forma y con el goleador de la liga."],
        },
        "travel": {
            "ask": ["Planea un viaje de cuatro días a Oaxaca.", "¿Cuál es la mejor época para viajar a Patagonia?"],
            "follow": ["¿Dónde nos conviene hospedarnos?"],
            "reply": ["Entre noviembre y marzo el clima es más estable; reserva con tiempo los refugios y los vuelos."],
        },
        "books": {
            "ask": ["Recomiéndame novelas como Cien años de soledad.", "¿Qué libro elegimos para el club de lectura de este mes?"],
            "follow": ["¿Algo más corto?"],
            "reply": ["Prueba La casa de los espíritus, Pedro Páramo y Como agua para chocolate."],
        },
        "movies": {
            "ask": ["¿Qué películas argentinas recientes me recomiendas?", "Quiero ver una película de suspenso esta noche."],
            "follow": ["¿Dónde la puedo ver?"],
            "reply": ["Argentina, 1985 y El secreto de sus ojos son dos grandes opciones."],
        },
        "gaming": {
            "ask": ["¿Qué juego de fútbol es mejor, EA FC o eFootball?", "¿Cómo paso el nivel del jefe final en Zelda?"],
            "follow": ["¿Tiene modo en línea?"],
            "reply": ["EA FC tiene más licencias; eFootball es gratuito y su jugabilidad es más pausada."],
        },
        "parenting": {
            "ask": ["¿Cómo hago para que mi hijo de tres años duerma toda la noche?"],
            "follow": ["¿Y si sigue despertando?"],
            "reply": ["Una rutina fija antes de dormir, luz tenue y la misma hora cada día ayudan mucho."],
        },
        "music": {
            "ask": ["Hazme una lista de cumbia y rock argentino para una fiesta."],
            "follow": ["Agrega canciones más nuevas."],
            "reply": ["Empieza con Soda Stereo, Los Fabulosos Cadillacs y Damas Gratis, y sigue con Bizarrap."],
        },
    },
    "pt": {
        "soccer": {
            "ask": ["Quem vai ganhar o Brasileirão este ano?", "Qual chuteira é melhor para society?"],
            "follow": ["E quem é o artilheiro?"],
            "reply": ["Para society, escolha chuteira com travas curtas de borracha, que aderem bem à grama sintética."],
        },
        "music": {
            "ask": ["Monta uma playlist de samba e MPB para o churrasco.", "Como aprendo a tocar violão sozinho?"],
            "follow": ["Coloca umas mais novas."],
            "reply": ["Comece com Cartola, Jorge Ben, Gilberto Gil e Marisa Monte, e depois inclua Anavitória."],
        },
        "fitness": {
            "ask": ["Monta um treino de academia de quatro dias para ganhar massa.", "Qual treino posso fazer em casa em 20 minutos?"],
            "follow": ["Quantas séries e repetições?"],
            "reply": ["Faça agachamento, flexão, remada e prancha em circuito, três rodadas de 45 segundos."],
        },
        "fashion": {
            "ask": ["O que vestir num casamento de dia na praia?", "Como montar um guarda-roupa cápsula?"],
            "follow": ["E que sapato combina?"],
            "reply": ["Um vestido midi leve com sandália rasteira funciona bem; evite branco."],
        },
        "cooking": {
            "ask": ["Me passa uma receita de feijoada para dez pessoas.", "Como faço pão de queijo crocante?"],
            "follow": ["Posso congelar?"],
            "reply": ["Deixe o feijão de molho na véspera e cozinhe as carnes separadamente antes de juntar tudo."],
        },
        "gaming": {
            "ask": ["Qual jogo de futebol é melhor para jogar com amigos?", "Vale a pena comprar o Switch agora?"],
            "follow": ["Tem modo online?"],
            "reply": ["Para jogar com amigos no sofá, EA FC e Rocket League são ótimas escolhas."],
        },
    },
    "fr": {
        "cooking": {
            "ask": ["Qu'est-ce que je peux cuisiner ce soir avec des poireaux et du saumon?", "Donne-moi une recette de tourtière pour six personnes."],
            "follow": ["Je peux la préparer la veille?"],
            "reply": ["Fais revenir les poireaux au beurre, ajoute de la crème et fais cuire le saumon au four quinze minutes."],
        },
        "books": {
            "ask": ["Recommande-moi des romans québécois récents.", "Quel livre choisir pour mon club de lecture?"],
            "follow": ["Quelque chose de plus court?"],
            "reply": ["Essaie Kukum de Michel Jean, ou les romans de Kim Thúy pour une lecture courte et marquante."],
        },
        "hiking": {
            "ask": ["Quelle randonnée faire dans les Laurentides en octobre?", "Quelles bottes de randonnée pour un trek de trois jours?"],
            "follow": ["Combien d'eau faut-il prévoir?"],
            "reply": ["Des bottes mi-hautes imperméables avec une semelle rigide sont idéales pour plusieurs jours de marche."],
        },
        "travel": {
            "ask": ["Planifie un week-end à Lisbonne.", "Quelles plages visiter à La Réunion?"],
            "follow": ["Où dormir?"],
            "reply": ["Deux jours suffisent pour Alfama, Belém et un coucher de soleil au Miradouro da Graça."],
        },
        "art": {
            "ask": ["Comment débuter l'aquarelle?", "Quelles expositions voir au musée ce printemps?"],
            "follow": ["Quel papier utiliser?"],
            "reply": ["Commence avec une petite boîte d'aquarelles, deux pinceaux ronds et du papier 300 g."],
        },
    },
}
# fmt: on

# Answers paired with each opener and follow-up, so that conversations read naturally.
# An opener without an entry here falls back to one of its theme's "reply" lines.
# fmt: off
ANSWERS = {
    # hiking
    "Which boots should I get for a 3-day trek in the Smokies?": "For multi-day treks, a mid-cut waterproof boot with a stiff sole gives good support; try them on in the afternoon when your feet are slightly swollen.",
    "What should I pack for an overnight hike with a lot of elevation gain?": "Pack layers, a rain shell, a headlamp, a first-aid kit and at least two liters of water; keep the heavy items close to your back.",
    "Can you suggest a lightweight tent for backpacking under 2 kg?": "A freestanding one-person tent around 1.3 kg is a good balance of weight and durability for backpacking.",
    "Best day hikes near Denver with a lake at the top?": "Chicago Lakes, Lake Isabelle and Blue Lake are popular day hikes that end at alpine lakes.",
    "How do I break in new hiking boots before a long trail?": "Start with short walks around town, then a few day hikes, so the leather softens before the big trip.",
    "Is a 40 liter backpack enough for a hut-to-hut trek?": "Yes, 30 to 40 liters is plenty when huts provide meals and bedding; you only carry layers, water and snacks.",
    "What trekking poles are worth it for steep descents?": "Carbon poles with cork grips and lever locks are light and easy to adjust on long descents.",
    "What about socks to avoid blisters?": "Merino wool hiking socks with a snug fit, plus a thin liner if you're prone to blisters.",
    "How much water should I carry for 15 km?": "About two to three liters, more in hot weather, or less if there's a reliable spot to refill.",
    "Any tips for hiking in the rain?": "Wear a breathable rain shell, use a pack liner, and avoid cotton so you stay warm when wet.",
    "Would trail runners work instead of boots?": "On well-maintained trails with a light pack, trail runners are lighter and dry faster than boots.",
    # running
    "Can you make me a 12-week half marathon training plan?": "Build up slowly: three easy runs a week, one long run that grows by about 10 percent, and an interval session once you have a base.",
    "What running shoes are good for someone who overpronates?": "Stability shoes with a firm medial post help overpronators; get a gait check at a running store if you can.",
    "How do I get faster at 5k without getting injured?": "Keep most runs conversational and add one session of 400 m repeats; rest days matter as much as workouts.",
    "What should I eat the night before a marathon?": "A familiar carb-rich dinner like pasta or rice with a little protein, nothing too spicy or high in fiber.",
    "Is it okay to run every day as a beginner?": "Three or four runs a week with rest days in between is safer while your legs adapt.",
    "Which GPS running watch has the best battery life?": "Several mid-range GPS watches now last two weeks in smartwatch mode and 30 hours with GPS on.",
    "How many easy runs per week?": "Two or three easy runs plus your long run is a good base.",
    "What pace should my long run be?": "About 60 to 90 seconds per kilometer slower than your race pace.",
    "Should I add strength training too?": "Yes, two short sessions of squats, lunges and calf raises a week help a lot.",
    # fitness
    "Give me a 30-minute full-body workout I can do at home with dumbbells.": "Try a circuit of goblet squats, push-ups, rows, lunges and a plank: three rounds, 45 seconds each with 15 seconds rest.",
    "How do I start lifting weights at the gym as a beginner?": "Start with compound lifts at light weight, focus on form, and add a little weight each week.",
    "What is a good push-up progression if I can only do three?": "Do incline push-ups on a bench, then lower the incline each week until you reach the floor.",
    "Can you plan a 4-day gym split for building muscle?": "Upper body on Monday and Thursday, lower body on Tuesday and Friday, with three to four exercises each.",
    "How much protein do I need when strength training?": "A common target is 1.6 g of protein per kg of body weight spread over the day.",
    "How many sets and reps?": "Three sets of 8 to 12 reps for most exercises.",
    "What if I only have 20 minutes?": "Do two rounds of the circuit and cut the rest periods.",
    "Can I swap squats for something else?": "Step-ups or split squats work the same muscles.",
    # soccer
    "Who has the best odds to win the Champions League this season?": "Bookmakers currently favor the clubs with the deepest squads, but knockout football is unpredictable.",
    "Can you explain the offside rule simply?": "A player is offside if they are nearer the goal line than the ball and the second-last defender when the ball is played to them.",
    "What cleats are best for artificial turf?": "For turf, pick AG cleats with many short studs; they grip without sticking.",
    "Give me some passing drills for a U12 soccer team.": "Try triangle passing, rondos of four against one, and a passing gate game in pairs.",
    "When is the next World Cup qualifier for Brazil?": "Qualifiers are played in the international windows; check the federation's fixture list for the exact date.",
    "And who is their top scorer?": "Their striker leads the scoring chart this season with several goals from set pieces.",
    "How long should a training session be?": "About 60 to 75 minutes for that age, with plenty of small-sided games.",
    "What formation works for a small squad?": "A 2-3-1 or 3-2-1 is simple for seven-a-side teams.",
    # cooking
    "What can I cook tonight with chicken thighs, lemon and spinach?": "Brown the thighs skin-side down, add garlic and lemon, then wilt the spinach in the pan juices; serve with rice or crusty bread.",
    "Give me a one-pot pasta recipe that takes under 30 minutes.": "Put pasta, cherry tomatoes, garlic, basil and stock in one pot, simmer 10 minutes, finish with parmesan.",
    "How do I make a proper Sunday roast for six people?": "Roast a 2 kg joint of beef, make Yorkshire puddings while it rests, and serve with roast potatoes and gravy.",
    "Which cast iron skillet should I buy for searing steak?": "A pre-seasoned 12-inch cast iron skillet is versatile and lasts decades; heat it slowly and keep it oiled.",
    "Can you plan five weeknight dinners with a shopping list?": "Monday pasta, Tuesday sheet-pan chicken, Wednesday fried rice, Thursday tacos, Friday curry; here is the shopping list by aisle.",
    "How long should I marinate pork for tacos al pastor?": "Marinate at least four hours, ideally overnight, with chiles, pineapple and achiote.",
    "What wine goes with mushroom risotto?": "A Pinot Noir or an oaked Chardonnay pairs well with the earthy mushrooms.",
    "Can I make it ahead?": "Yes, prepare it the day before and reheat it gently in the oven.",
    "What side dish would go with it?": "A green salad with a sharp vinaigrette or roasted vegetables.",
    "How do I scale it for eight people?": "Double the quantities and use a larger pan so it cooks evenly.",
    "Can I use the oven instead of the stove?": "Yes, cook it at 200 °C for about 25 minutes.",
    # baking
    "Why did my sourdough come out flat?": "A flat loaf usually means an under-active starter or over-proofing; feed the starter twice and shorten the final proof.",
    "Give me a recipe for chewy chocolate chip cookies.": "Use melted butter, more brown sugar than white and an extra yolk, then chill the dough overnight for chewy cookies.",
    "How do I make a birthday cake that serves 20?": "A sheet cake in a 30 x 45 cm pan easily serves 20 and is simple to decorate.",
    "What stand mixer is worth it for bread dough?": "A 5-quart bowl-lift mixer with a strong motor handles stiff bread dough best.",
    "Can you convert this cake recipe from cups to grams?": "One cup of flour is about 125 g, sugar about 200 g and butter about 225 g.",
    "Can I freeze the dough?": "Yes, freeze portions for up to three months and bake from frozen.",
    "What if I don't have buttermilk?": "Add a tablespoon of lemon juice to a cup of milk and let it sit five minutes.",
    "How do I know when it's done?": "A skewer should come out clean and the top should spring back.",
    # gaming
    "What are the best co-op games on PS5 right now?": "It Takes Two, Overcooked 2 and Baldur's Gate 3 are favorites for co-op; all are great with a friend on the couch.",
    "Is Elden Ring worth it for someone new to soulslikes?": "Elden Ring is more forgiving than other soulslikes because you can explore elsewhere and come back stronger.",
    "Which gaming headset has the best mic under $100?": "Several wired headsets under $100 have broadcast-style mics; wireless ones often compromise on the mic.",
    "How do I beat the second boss in Hollow Knight?": "Learn its attack pattern, stay close to dodge under the jumps, and upgrade your nail first.",
    "Recommend an RPG with a great story, like Mass Effect.": "Try Dragon Age: Origins, The Witcher 3 or Baldur's Gate 3 for companions and big choices.",
    "What settings should I use to get 144 fps in Valorant?": "Lower shadows and anti-aliasing, cap the frame rate slightly above your monitor refresh, and update your GPU drivers.",
    "Which is better for a 10-year-old, Switch or Xbox?": "The Switch has more family-friendly games and is portable; the Xbox is better value with Game Pass.",
    "Does it have cross-play?": "Yes, cross-play between console and PC is supported.",
    "How many hours is the main story?": "About 30 to 40 hours for the main story.",
    "Any tips for the final level?": "Stock up on healing items and save before the last checkpoint.",
    # tech
    "Which laptop is best for programming under $1,200?": "Look for 16 GB of RAM, a fast SSD and a good keyboard; many mid-range ultrabooks handle development well.",
    "How do I set up a home Wi-Fi mesh network?": "Place the main mesh node near the modem and the satellites halfway to the dead zones; avoid hiding them in cabinets.",
    "Should I upgrade my phone this year or wait?": "If your phone still gets updates and the battery holds up, a battery swap can buy you another year.",
    "Explain the difference between an SSD and NVMe drive.": "NVMe drives use the PCIe bus and are several times faster than SATA SSDs for large file transfers.",
    "How do I build my first gaming PC?": "Pick a CPU and GPU first, then a compatible motherboard, 32 GB of RAM, an NVMe SSD and a quality power supply.",
    "What's a good mechanical keyboard for typing all day?": "A tenkeyless board with tactile or linear switches and a wrist rest is comfortable for long days.",
    "How much RAM do I need?": "16 GB is enough for most work; 32 GB if you run virtual machines.",
    "Is it worth buying refurbished?": "Certified refurbished with a warranty is usually a good deal.",
    "What about battery life?": "Look for reviews that measure 10 hours or more of real use.",
    # parenting
    "How do I get my 2-year-old to sleep through the night?": "A predictable bedtime routine, a dark room and the same wake-up time every day help toddlers sleep longer.",
    "What are good screen-free activities for a rainy day with kids?": "Try a blanket fort, a kitchen science experiment with baking soda and vinegar, or a treasure hunt around the house.",
    "Which car seat is best for a toddler who is outgrowing the infant seat?": "A convertible car seat rear-facing as long as possible is the usual recommendation for toddlers.",
    "Can you suggest a chore chart for a 7 and 9 year old?": "Daily: make beds and set the table; weekly: feed the pet, sort laundry and help with the groceries.",
    "Ideas for a dinosaur-themed 5th birthday party?": "A fossil dig in a sandbox, dino egg hunt, green punch and a volcano cake.",
    "How much pocket money should a 10-year-old get?": "Many families give about one dollar per year of age each week and ask kids to save part of it.",
    "What if they still won't settle?": "Keep check-ins short and boring, and give it two weeks to work.",
    "Any ideas for older siblings?": "Let them help run the activity; older kids like being in charge.",
    "How do I keep it consistent?": "Post the plan on the fridge and use the same words every day.",
    # cars
    "Is a hybrid or a full EV better for a 60-mile daily commute?": "For 60 miles a day an EV with home charging is cheapest to run, but a hybrid avoids range worries on long trips.",
    "How often should I change the oil in a 2016 Civic?": "Most modern engines with synthetic oil go 7,500 to 10,000 miles between changes; check your owner's manual.",
    "What's the best used pickup truck under $25k?": "A Toyota Tacoma or a Ford F-150 from around 2018 with service records is a safe bet.",
    "My car makes a squeal when I brake; what could it be?": "Squealing often means worn brake pads with a wear indicator; have them checked soon.",
    "Compare the Mustang Mach-E with the Tesla Model Y.": "The Model Y has more range and a bigger charging network; the Mach-E has a nicer ride and interior.",
    "Which tires are best for winter driving?": "Dedicated winter tires with the three-peak mountain snowflake symbol grip far better than all-seasons.",
    "What about maintenance costs?": "EVs need fewer services; hybrids still need oil changes.",
    "How much range do I lose in winter?": "Expect 20 to 30 percent less range in freezing weather.",
    "Is it worth getting the extended warranty?": "Only if it is cheap and covers the battery and drivetrain.",
    # personal finance
    "How should I split my paycheck between savings and investing?": "A common starting point is 50/30/20: needs, wants, and savings or debt payoff; automate the savings on payday.",
    "Is it better to pay off my car loan early or invest?": "If the loan rate is above what you expect from investing, paying it off early is a guaranteed return.",
    "What's a simple budget method for a couple?": "Pool money for shared bills in a joint account and keep personal spending money separate.",
    "How does a Roth IRA work?": "You contribute after-tax money, it grows tax-free, and qualified withdrawals in retirement are tax-free.",
    "How big should my emergency fund be?": "Three to six months of essential expenses in a high-yield savings account is the usual guideline.",
    "What's the best way to start investing with $100 a month?": "Set up an automatic monthly purchase of a broad, low-cost index fund.",
    "What about index funds?": "Low-cost broad index funds are a simple core holding.",
    "How do credit scores work?": "Payment history and credit utilization matter most; pay on time and keep balances low.",
    "Should I use a budgeting app?": "An app helps if you check it weekly; a spreadsheet works too.",
    # music
    "Make me a playlist of 90s hip hop for a road trip.": "Start with Nas, A Tribe Called Quest, Lauryn Hill and OutKast, then mix in some West Coast classics.",
    "How do I learn guitar chords fast as an adult?": "Learn G, C, D and E minor first; practice switching for five minutes a day and you will play songs within weeks.",
    "Which wireless earbuds have the best sound quality?": "Several flagship earbuds support high-quality codecs; fit matters as much as the driver.",
    "Recommend albums similar to Fleetwood Mac's Rumours.": "Try Carole King's Tapestry, Haim's Days Are Gone and The Eagles' Hotel California.",
    "What's a good beginner keyboard for learning piano?": "A 61-key keyboard with touch-sensitive keys is enough to start piano lessons.",
    "Who are some new artists like Tyla and Burna Boy?": "Check out Ayra Starr, Uncle Waffles, Rema and Tems.",
    "Add some newer songs too.": "I've added a few recent tracks with a similar feel.",
    "How long does it take to learn?": "With 15 minutes a day, most people play simple songs within a month.",
    "Any good apps for practicing?": "Apps with a tuner and chord trainer are handy for daily practice.",
    # movies
    "Recommend some sci-fi movies like Interstellar.": "Try Arrival, Contact, Ad Astra and Gravity; they share the same mix of science and emotion.",
    "What are the best horror films of the last five years?": "Hereditary, The Babadook, Talk to Me and Barbarian are often at the top of recent horror lists.",
    "Which Christopher Nolan movie should I watch first?": "Start with The Prestige or Inception; they show his style without the longer runtime of Oppenheimer.",
    "Give me a list of feel-good movies for a family movie night.": "Paddington 2, Coco, The Princess Bride and Spider-Man: Into the Spider-Verse.",
    "Is Dune Part Two worth seeing in IMAX?": "Yes, the sound design and desert scenes were made for the big format.",
    "Any that are streaming now?": "Several of them are on the major streaming services this month.",
    "Something shorter than two hours?": "Arrival and Gravity are both under two hours.",
    "What about older classics?": "2001: A Space Odyssey and Close Encounters are the classics to start with.",
    # tv
    "What should I binge after finishing Succession?": "If you liked Succession, try Industry, Billions or The Morning Show for the same sharp dialogue.",
    "Is The Bear worth watching?": "The Bear has short episodes and great performances; season one is only eight episodes.",
    "Recommend a cozy British mystery series.": "Shetland, Vera, Midsomer Murders and Father Brown are classic cozy British mystery series.",
    "What reality TV shows are popular right now?": "Cooking competitions and dating shows are dominating the charts this season.",
    "Which streaming service has the best TV series this year?": "It depends on your taste; drama fans and comedy fans would pick different services.",
    "How many seasons are there?": "Three seasons so far, with a fourth announced.",
    "Anything lighter?": "Try a comedy like Abbott Elementary or Ted Lasso.",
    "Where can I stream it?": "It's on one of the major streaming services in most countries.",
    # books
    "Recommend some historical fiction like All the Light We Cannot See.": "Try The Nightingale, The Book Thief and Cloud Cuckoo Land; each has the same mix of history and intimate stories.",
    "What are good fantasy series for someone who loved Mistborn?": "The Stormlight Archive, The Name of the Wind and The Lies of Locke Lamora are natural next reads after Mistborn.",
    "Can you suggest a book club pick that sparks discussion?": "Tomorrow, and Tomorrow, and Tomorrow or Lessons in Chemistry both split opinions in a good way.",
    "Is a Kindle Paperwhite worth it over reading on my phone?": "Yes, an e-ink screen is easier on the eyes and the battery lasts weeks.",
    "What should I read after Pride and Prejudice?": "For Austen fans, Persuasion, North and South and Middlemarch are rewarding next books.",
    "Something shorter?": "Try a novella like Small Things Like These.",
    "Any audiobook versions?": "Yes, all of them have well-reviewed audiobooks.",
    "Discussion questions for the club?": "Ask which character changed the most and whether the ending felt earned.",
    # travel
    "Plan a 5-day itinerary for Lisbon in May.": "Spend two days in Alfama and Baixa, a day trip to Sintra, one day in Belém and one at the beach in Cascais.",
    "What's the cheapest time to fly to Tokyo from Los Angeles?": "Fares are usually lowest from late January to March, outside school holidays and cherry blossom season.",
    "Which carry-on suitcase fits most airlines' size limits?": "A 55 x 35 x 20 cm spinner fits most international carry-on limits; check budget airlines separately.",
    "Best beaches in Bali for a quiet holiday?": "Uluwatu and the north coast near Amed are quieter than Kuta and Seminyak.",
    "Can you suggest a road trip route along the California coast?": "Drive from San Francisco to Santa Cruz, Monterey, Big Sur and San Luis Obispo, ending in Santa Barbara.",
    "What should I know before visiting Cape Town?": "Rent a car, book Table Mountain early on a clear day, and plan a day in the winelands.",
    "Is the Japan Rail Pass still worth it?": "Only if you take several long shinkansen trips; for Tokyo and Kyoto alone, single tickets are often cheaper.",
    "Where should we stay?": "A central neighborhood near public transport saves a lot of time.",
    "How many days do we need?": "Four to five days is comfortable.",
    "What's the best way to get around?": "Public transport and walking; rent a car only for day trips.",
    "Any day trips worth doing?": "Yes, one nearby town or national park makes a great day trip.",
    # gardening
    "When should I plant tomatoes in zone 7?": "Plant tomatoes outside after the last frost, usually late April to mid-May in zone 7.",
    "Why are the leaves on my basil turning yellow?": "Yellow basil leaves often mean overwatering; let the top of the soil dry and make sure the pot drains.",
    "How do I start a raised bed vegetable garden?": "Fill raised beds with a mix of topsoil, compost and a little coarse sand, and put them where they get six hours of sun.",
    "What flowers attract bees and butterflies?": "Lavender, coneflowers, salvia, zinnias and milkweed are all pollinator favorites.",
    "How do I compost in a small backyard?": "A closed compost bin with a mix of greens and browns, turned every couple of weeks, works in small spaces.",
    "How often should I water?": "Deeply once or twice a week rather than a little every day.",
    "What soil mix should I use?": "Equal parts topsoil and compost with some perlite for drainage.",
    "Can I grow it in pots?": "Yes, use a pot at least 30 cm deep with drainage holes.",
    # home diy
    "How do I paint kitchen cabinets without brush marks?": "Degrease, sand lightly, prime, then use a foam roller and a self-leveling enamel paint in thin coats.",
    "What's the best cordless drill for home projects?": "An 18 or 20 volt brushless drill with two batteries covers almost any home project.",
    "How can I make a small living room look bigger?": "Light walls, a large mirror, raised curtains and furniture with visible legs make a small room feel bigger.",
    "Can you help me fix a leaky faucet?": "Turn off the water under the sink, replace the cartridge or washer, and reassemble with plumber's tape.",
    "Ideas to decorate a rental apartment without damaging walls?": "Use peel-and-stick wallpaper, adhesive hooks, plug-in sconces and large plants.",
    "What color would work?": "A warm white or a soft sage keeps the room bright.",
    "How long will it take?": "Plan on a full weekend including drying time.",
    "Which tools do I need?": "A screwdriver set, a wrench, a level and a drill cover most of it.",
    # pets
    "How do I stop my puppy from biting?": "Redirect biting to a chew toy, end play briefly when teeth touch skin, and keep sessions short and positive.",
    "What's the best food for a senior cat?": "A senior wet food with high-quality protein keeps older cats hydrated and at a healthy weight.",
    "How often should I take my dog to the groomer?": "Every six to eight weeks for long-coated breeds, less often for short coats.",
    "Which dog breeds are good for apartments?": "French bulldogs, cavalier King Charles spaniels and greyhounds are calm indoors.",
    "How do I introduce a new kitten to my older cat?": "Keep them in separate rooms for a few days, swap bedding so they learn each other's scent, then short supervised visits.",
    "Can you suggest toys for a bored border collie?": "Puzzle feeders, flirt poles and short training sessions tire out herding breeds better than long walks alone.",
    "How long does training take?": "Most puppies improve within two to three weeks of daily practice.",
    "Are treats okay?": "Yes, small soft treats are perfect for training.",
    "What about at night?": "A crate with a blanket and a chew toy helps them settle.",
    # fashion
    "What should I wear to a summer wedding as a guest?": "A midi dress in a light fabric with block heels is a safe choice for a summer wedding; avoid white.",
    "How do I build a capsule wardrobe for work?": "Start with two trousers, a skirt, five tops, a blazer and neutral shoes that all mix together.",
    "Which white sneakers go with everything?": "Clean leather sneakers in white or off-white match jeans, chinos and even dresses.",
    "What colors suit warm skin undertones?": "Olive, rust, camel, coral and warm whites flatter warm undertones.",
    "Find me a denim jacket under $80.": "Several brands have classic trucker denim jackets between $50 and $80.",
    "How do I style wide-leg trousers?": "Pair them with a fitted top and a shoe with a little height.",
    "What shoes would go with it?": "Block heels or clean white sneakers.",
    "Something more casual?": "Swap the blazer for a denim jacket.",
    "What accessories?": "A woven bag and simple gold jewelry.",
    # photography
    "Which mirrorless camera is best for a beginner?": "An entry-level APS-C mirrorless body with a kit lens is light and easy to learn on.",
    "How do I take sharp photos of the Milky Way?": "Use a wide lens at f/2.8 or faster, ISO 3200, and about 15 seconds on a tripod away from city lights.",
    "What settings should I use for portraits in daylight?": "For daylight portraits try f/2.8, 1/250 s and auto ISO, with the sun behind your subject.",
    "Is a 50mm f/1.8 lens worth it?": "A 50mm f/1.8 is cheap, sharp and great for portraits; it's one of the best first lenses.",
    "How do I edit photos to look like film?": "Lift the blacks, add a little grain, and warm the highlights slightly.",
    "What tripod do I need?": "A sturdy aluminum tripod with a ball head is enough.",
    "How do I avoid noise?": "Shoot in RAW, expose to the right and use noise reduction when editing.",
    "Which editing app do you recommend?": "Any app with RAW support and presets works; start with the free one that came with your camera.",
    # art
    "How do I start with watercolor painting?": "Start with a small set of student watercolors, two round brushes and 300 gsm cold-press paper.",
    "Which museums in New York have the best impressionist collections?": "The Met and MoMA both have strong impressionist and post-impressionist galleries.",
    "Can you explain what makes Van Gogh's style unique?": "Van Gogh used thick impasto, bold complementary colors and visible directional brushstrokes.",
    "What supplies do I need for oil painting?": "A basic set of oils, two or three bristle brushes, a palette knife, odorless solvent and primed canvas.",
    "How do I price my paintings for a local art fair?": "Price by size, for example a fixed rate per square inch, and keep prices consistent across pieces.",
    "What paper should I use?": "100 percent cotton cold-press paper, 300 gsm.",
    "Any artists I should study?": "Look at Winslow Homer and John Singer Sargent's watercolors.",
    "How do I frame them?": "Use an acid-free mat and UV-protective glass.",
    # careers
    "Can you review my resume summary for a product manager role?": "Lead with results: name the products you shipped and the metrics they moved, in two or three lines.",
    "How do I answer 'what is your biggest weakness' in an interview?": "Pick a real weakness that doesn't block the job and explain what you're doing to improve it.",
    "How do I negotiate a higher salary offer?": "Thank them, restate your enthusiasm, then give a number backed by market data and your experience.",
    "Write a cover letter for a junior data analyst job.": "Here's a draft that opens with a project where you cleaned and analyzed data, then ties it to their team.",
    "Should I switch careers into UX design at 35?": "Plenty of people switch at 35; build a small portfolio of two or three case studies first.",
    "Make it shorter.": "Here's a version in three sentences.",
    "What questions should I ask them?": "Ask how success is measured in the first six months and what the team is working on next.",
    "How do I follow up after the interview?": "Send a short thank-you email within a day that mentions one thing you discussed.",
    # education
    "Can you explain photosynthesis for a 6th grader?": "Plants use sunlight, water and carbon dioxide to make sugar for energy, and they release oxygen.",
    "How do I help my kid with long division homework?": "Use the steps divide, multiply, subtract, bring down; practice with graph paper to keep columns aligned.",
    "What are good online courses to learn Spanish?": "Combine an app for daily vocabulary with a structured online course and weekly conversation practice.",
    "How should I study for the SAT in three months?": "Take a diagnostic test, focus on your weakest section, and do a full timed practice test every two weeks.",
    "Make flashcards for the main causes of World War I.": "Militarism, alliances, imperialism, nationalism, and the assassination of Archduke Franz Ferdinand.",
    "Can you give me a practice question?": "Sure: what two things does a plant need besides sunlight to make its food?",
    "Simpler please.": "Plants eat sunlight and air to make their food.",
    "How long should each study session be?": "Around 25 to 45 minutes with a short break.",
    # real estate
    "What should I look for when touring a house for sale?": "Check the roof, foundation, windows, water pressure and signs of damp, and visit the neighborhood at night.",
    "Is it better to rent or buy in Austin right now?": "Compare the monthly cost of owning with rent for a similar place and how long you plan to stay.",
    "How much down payment do I need for a first home?": "Many first-time buyer programs allow 3 to 5 percent down, but 20 percent avoids mortgage insurance.",
    "How do I price my condo to sell quickly?": "Price it just under a round number based on recent comparable sales, and stage the main rooms.",
    "What does a home inspection usually cover?": "Structure, roof, electrical, plumbing, heating and cooling, and visible signs of water damage.",
    "What about closing costs?": "Budget 2 to 5 percent of the price for closing costs.",
    "How long does it take?": "Usually 30 to 45 days from accepted offer to closing.",
    "Should I get a real estate agent?": "A buyer's agent helps a lot with negotiation and paperwork.",
    # science
    "When can I see the next meteor shower?": "The Perseids peak in mid-August; find a dark spot and look northeast after midnight.",
    "Explain black holes like I'm 12.": "A black hole is a place where gravity is so strong that not even light can escape once it crosses the event horizon.",
    "Which telescope is good for seeing Saturn's rings?": "A 70 mm refractor or a 130 mm reflector shows Saturn's rings clearly at about 100x magnification.",
    "Why is the sky blue but sunsets are red?": "Air scatters blue light more than red; at sunset light travels through more air, so mostly red is left.",
    "What did the James Webb telescope discover recently?": "It found very early galaxies and measured water and carbon dioxide in exoplanet atmospheres.",
    "How far away is it?": "Millions of light-years away.",
    "Can I see it without a telescope?": "Yes, with dark skies and patience.",
    "Any good documentaries about it?": "There are several excellent space documentaries on the major streaming services.",
    # pop culture
    "What happened at the Grammys this year?": "Highlights included surprise performances and a few upsets in the album categories.",
    "Explain the latest celebrity drama everyone is talking about.": "Two stars traded pointed posts after a split, and fans have been decoding the lyrics ever since.",
    "What anime should I start with if I liked Spider-Verse?": "Try Jujutsu Kaisen, Demon Slayer or Cyberpunk: Edgerunners for a similar energetic visual style.",
    "Which K-pop groups have comebacks this month?": "Several big groups have comebacks scheduled; fan sites track the teaser calendar day by day.",
    "What are the biggest memes of the week?": "A cat reaction video and a reality show quote are everywhere this week.",
    "Who won best new artist?": "A breakout singer-songwriter took it, beating two rappers.",
    "Where can I watch it?": "Clips are on the official channels and the full show on streaming.",
    "Any concert dates announced?": "A world tour was announced with dates starting next month.",
    # events
    "What festivals are happening in Austin this spring?": "There are music, film and food festivals almost every weekend in spring.",
    "Which theme park is best for teenagers in Orlando?": "For teens, the parks with the biggest roller coasters are usually the hit; buy tickets online to skip lines.",
    "How do I get cheap tickets to a sold-out concert?": "Check the official resale platform first; prices often drop a day or two before the show.",
    "Plan a fun weekend in Chicago with a show and a museum.": "Saturday at the Art Institute and an improv show in the evening, Sunday on an architecture boat tour.",
    "What should I bring to a three-day music festival?": "Bring earplugs, a refillable bottle, a portable charger, sunscreen and a light rain jacket.",
    "How much are tickets?": "Day tickets start around $60 and weekend passes around $150.",
    "Is parking easy?": "Parking fills fast; public transport or a shuttle is easier.",
    "What time should we arrive?": "Arrive 30 to 45 minutes before opening.",
    # shopping
    "What are the best Black Friday deals on TVs?": "Mid-range 55-inch TVs usually see the deepest discounts; compare prices across two or three retailers.",
    "Is it cheaper to buy groceries online or in store?": "In store is often cheaper, but online saves impulse buys and delivery can be free above a minimum.",
    "Find me a good robot vacuum under $300.": "Look for a robot vacuum with LiDAR mapping; several models are under $300 on sale.",
    "Which coupon apps actually save money?": "Cashback apps and store loyalty programs stack well with coupons at checkout.",
    "Help me compare two air fryers.": "Compare basket size, wattage and how easy the basket is to clean.",
    "Where is it cheapest?": "Prices are within a few dollars at the big retailers this week.",
    "Does it come with a warranty?": "Yes, a one-year manufacturer warranty.",
    "Any discount codes?": "Sign up for the store newsletter for 10 percent off your first order.",
    # business
    "How do I write a business plan for a food truck?": "Cover the concept, target market, costs, pricing, permits and a 12-month cash flow forecast.",
    "What's the best way to market a small bakery on social media?": "Post behind-the-scenes videos, run a weekly special, and ask happy customers to leave reviews.",
    "Should I register my side business as an LLC?": "An LLC separates your personal and business liability; the cost and paperwork vary by state.",
    "Help me price my freelance design services.": "Estimate hours per project, multiply by a day rate from market data, and quote per project.",
    "What accounting software is good for a small business?": "Pick one that handles invoicing, bank feeds and payroll for your country.",
    "How much startup capital do I need?": "Budget for equipment, permits and three months of running costs.",
    "What about taxes?": "Set aside about a quarter of profit for taxes and talk to an accountant.",
    "How do I get my first customers?": "Start with friends, local events and a simple website with reviews.",
    # crafts
    "What's an easy first knitting project?": "A garter-stitch scarf with worsted yarn and 5 mm needles is the classic first project.",
    "How do I start a bullet journal?": "Start with an index, a future log and a monthly spread, then add trackers as you go.",
    "Which sewing machine is good for beginners?": "A simple mechanical sewing machine with a few stitch types is easier to learn than a computerized one.",
    "Can you suggest a crochet pattern for a baby blanket?": "A granny stripe or a simple moss stitch blanket in soft cotton yarn.",
    "What can I make with leftover yarn?": "Leftover yarn is perfect for granny squares, pom-poms or a striped scrap blanket.",
    "What needle size?": "5 mm for worsted weight yarn.",
    "Any video tutorials?": "Search for beginner tutorials for that stitch; slow-motion ones help most.",
    # fishing
    "What's the best bait for bass in early spring?": "In early spring, slow-moving jigs and soft plastics near warming shallows work well for bass.",
    "Which spinning reel is good for a beginner?": "A 2500-size spinning reel on a medium rod handles most freshwater fishing.",
    "How do I tie a Palomar knot?": "Double the line, tie an overhand knot, pass the hook through the loop, then moisten and pull tight.",
    "Where can I fly fish near Calgary?": "The Bow River below the city is famous for trout.",
    "What time of day is best?": "Early morning and late evening.",
    "Do I need a license?": "Yes, buy a fishing license online before you go.",
}
# fmt: on

# Answers for the localized openers and follow-ups.
# fmt: off
LOCAL_ANSWERS = {
    "¿Qué puedo cocinar hoy con pollo, arroz y pimientos?": "Dora el pollo, añade el arroz y los pimientos con caldo y deja cocinar a fuego lento veinte minutos.",
    "Dame una receta de mole poblano fácil para ocho personas.": "Tuesta los chiles, muélelos con chocolate, especias y caldo, y cocina la salsa a fuego bajo una hora.",
    "¿Cuánto tiempo marino la carne para tacos al pastor?": "Mínimo cuatro horas, mejor toda la noche, con chiles guajillo, piña y achiote.",
    "¿Lo puedo preparar un día antes?": "Sí, guárdalo en el refrigerador y caliéntalo a fuego bajo.",
    "¿Qué postre va bien con eso?": "Un flan o unas frutas con chile y limón.",
    "¿Cuándo siembro tomates y chiles en el huerto?": "Siembra después de la última helada, en un lugar con seis horas de sol y tierra con composta.",
    "¿Por qué se ponen amarillas las hojas de mi albahaca?": "Casi siempre es exceso de riego; deja secar la superficie y revisa que la maceta drene.",
    "¿Cada cuánto riego?": "Riego profundo dos veces por semana, más si hace mucho calor.",
    "¿Quién crees que gana el clásico este domingo?": "Es un partido muy parejo; el equipo local llega en mejor forma y con el goleador de la liga.",
    "Dame ejercicios de pase para un equipo infantil de fútbol.": "Prueba rondos de cuatro contra uno, pases en triángulo y un juego de porterías pequeñas.",
    "¿Y quién es el máximo goleador?": "El delantero del equipo local, con varios goles de cabeza esta temporada.",
    "Planea un viaje de cuatro días a Oaxaca.": "Dos días en el centro y los mercados, uno en Monte Albán y otro en Hierve el Agua y Mitla.",
    "¿Cuál es la mejor época para viajar a Patagonia?": "Entre noviembre y marzo el clima es más estable; reserva con tiempo los refugios y los vuelos.",
    "¿Dónde nos conviene hospedarnos?": "En el centro, cerca de todo y con buena comida a pie.",
    "Recomiéndame novelas como Cien años de soledad.": "Prueba La casa de los espíritus, Pedro Páramo y Como agua para chocolate.",
    "¿Qué libro elegimos para el club de lectura de este mes?": "Nuestra parte de noche de Mariana Enríquez da para mucha conversación.",
    "¿Algo más corto?": "Distancia de rescate, de Samanta Schweblin, se lee en una tarde.",
    "¿Qué películas argentinas recientes me recomiendas?": "Argentina, 1985 y El secreto de sus ojos son dos grandes opciones.",
    "Quiero ver una película de suspenso esta noche.": "Nueve reinas es un clásico del suspenso con un final que sorprende.",
    "¿Dónde la puedo ver?": "Está en una de las plataformas de streaming principales.",
    "¿Qué juego de fútbol es mejor, EA FC o eFootball?": "EA FC tiene más licencias; eFootball es gratuito y su jugabilidad es más pausada.",
    "¿Cómo paso el nivel del jefe final en Zelda?": "Aprende su patrón de ataque, usa el escudo para desviar y lleva muchas comidas de vida.",
    "¿Tiene modo en línea?": "Sí, con partidas clasificatorias y modo cooperativo.",
    "¿Cómo hago para que mi hijo de tres años duerma toda la noche?": "Una rutina fija antes de dormir, luz tenue y la misma hora cada día ayudan mucho.",
    "¿Y si sigue despertando?": "Mantén las visitas breves y tranquilas, y dale dos semanas a la rutina.",
    "Hazme una lista de cumbia y rock argentino para una fiesta.": "Empieza con Soda Stereo, Los Fabulosos Cadillacs y Damas Gratis, y sigue con Bizarrap.",
    "Agrega canciones más nuevas.": "Sumé temas recientes de Nicki Nicole y Duki.",
    "Quem vai ganhar o Brasileirão este ano?": "A disputa está aberta, mas os times com elenco mais profundo costumam chegar mais fortes no fim.",
    "Qual chuteira é melhor para society?": "Para society, escolha chuteira com travas curtas de borracha, que aderem bem à grama sintética.",
    "E quem é o artilheiro?": "O centroavante do líder, com vários gols de bola parada.",
    "Monta uma playlist de samba e MPB para o churrasco.": "Comece com Cartola, Jorge Ben, Gilberto Gil e Marisa Monte, e depois inclua Anavitória.",
    "Como aprendo a tocar violão sozinho?": "Aprenda primeiro os acordes Sol, Dó, Ré e Mi menor e pratique as trocas dez minutos por dia.",
    "Coloca umas mais novas.": "Incluí faixas recentes de Liniker e Marina Sena.",
    "Monta um treino de academia de quatro dias para ganhar massa.": "Superiores na segunda e quinta, inferiores na terça e sexta, com três ou quatro exercícios cada.",
    "Qual treino posso fazer em casa em 20 minutos?": "Faça agachamento, flexão, remada e prancha em circuito, três rodadas de 45 segundos.",
    "Quantas séries e repetições?": "Três séries de 8 a 12 repetições.",
    "O que vestir num casamento de dia na praia?": "Um vestido midi leve com sandália rasteira funciona bem; evite branco.",
    "Como montar um guarda-roupa cápsula?": "Escolha peças neutras que combinem entre si: duas calças, uma saia, cinco blusas e um blazer.",
    "E que sapato combina?": "Uma sandália de salto bloco ou um tênis branco.",
    "Me passa uma receita de feijoada para dez pessoas.": "Deixe o feijão de molho na véspera e cozinhe as carnes separadamente antes de juntar tudo.",
    "Como faço pão de queijo crocante?": "Use polvilho azedo, queijo meia cura e asse em forno bem quente.",
    "Posso congelar?": "Sim, congele em porções e asse direto do congelador.",
    "Qual jogo de futebol é melhor para jogar com amigos?": "Para jogar com amigos no sofá, EA FC e Rocket League são ótimas escolhas.",
    "Vale a pena comprar o Switch agora?": "Se você gosta dos jogos exclusivos da Nintendo, sim; a biblioteca é enorme.",
    "Tem modo online?": "Sim, com partidas ranqueadas e cooperativas.",
    "Qu'est-ce que je peux cuisiner ce soir avec des poireaux et du saumon?": "Fais revenir les poireaux au beurre, ajoute de la crème et fais cuire le saumon au four quinze minutes.",
    "Donne-moi une recette de tourtière pour six personnes.": "Mélange porc et veau hachés, oignon, clou de girofle et cannelle, puis cuis en croûte une heure à 190 °C.",
    "Je peux la préparer la veille?": "Oui, garde-la au frigo et réchauffe-la au four.",
    "Recommande-moi des romans québécois récents.": "Essaie Kukum de Michel Jean, ou les romans de Kim Thúy pour une lecture courte et marquante.",
    "Quel livre choisir pour mon club de lecture?": "La femme qui fuit d'Anaïs Barbeau-Lavalette suscite de belles discussions.",
    "Quelque chose de plus court?": "Ru de Kim Thúy, qui se lit en une soirée.",
    "Quelle randonnée faire dans les Laurentides en octobre?": "Le sentier de La Chute dans le parc du Mont-Tremblant est superbe avec les couleurs d'automne.",
    "Quelles bottes de randonnée pour un trek de trois jours?": "Des bottes mi-hautes imperméables avec une semelle rigide sont idéales pour plusieurs jours de marche.",
    "Combien d'eau faut-il prévoir?": "Environ deux litres pour une journée, plus s'il fait chaud.",
    "Planifie un week-end à Lisbonne.": "Deux jours suffisent pour Alfama, Belém et un coucher de soleil au Miradouro da Graça.",
    "Quelles plages visiter à La Réunion?": "L'Hermitage et Saint-Leu pour le lagon, Grande Anse pour le paysage.",
    "Où dormir?": "Dans un quartier central, près des transports.",
    "Comment débuter l'aquarelle?": "Commence avec une petite boîte d'aquarelles, deux pinceaux ronds et du papier 300 g.",
    "Quelles expositions voir au musée ce printemps?": "Le musée des beaux-arts présente une grande rétrospective impressionniste ce printemps.",
    "Quel papier utiliser?": "Du papier 100 % coton, grain fin, 300 g.",
}
# fmt: on
