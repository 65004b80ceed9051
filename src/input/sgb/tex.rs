//! The TeX of the names in Knuth's GraphBase books, decoded into Unicode
//! text: accent commands, special letters, braces.

/// Decodes the TeX of a name from a GraphBase file into Unicode text.
///
/// Handles the accent commands `` \` `` `\'` `\^` `\"` `\~` `\=` `\.` `\u`
/// `\v` `\H` `\c` `\k` `\r` `\d` `\b` `\t`, with their argument as a letter
/// (`\'e`, `\c c`), a group (`\'{E}`, `\c{c}`) or a dotless `\i`/`\j`
/// (`\'\i`, `\'{\i}`); the letters `\ae` `\AE` `\oe` `\OE` `\o` `\O` `\ss`
/// `\aa` `\AA` `\l` `\L` `\i` `\j`; and escaped symbols such as `\&`.
/// Accented letters come out precomposed where Unicode has a precomposed
/// character (`é`, `ç`, `ő`), otherwise as the letter followed by a combining
/// mark. Bare braces are removed (`{\'E}` → `É`); unknown commands are kept as
/// written. Never panics.
pub fn decode_tex(text: &str) -> String {
    if !text.contains(['\\', '{', '}']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    decode_into(text, 0, &mut out);
    out
}

/// Nesting of accent arguments beyond which groups are copied without decoding.
const MAX_DEPTH: usize = 8;

fn decode_into(text: &str, depth: usize, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' => command(&mut chars, depth, out),
            _ => out.push(c),
        }
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Decodes the command after a backslash.
fn command(chars: &mut Chars<'_>, depth: usize, out: &mut String) {
    let Some(c) = chars.next() else {
        out.push('\\');
        return;
    };
    if let Some(accent) = ACCENTS.iter().find(|a| a.symbol == Some(c)) {
        apply_accent(accent, chars, depth, out);
        return;
    }
    if !c.is_ascii_alphabetic() {
        // `\&`, `\%`, `\{`, `\ ` and the like: the symbol itself.
        out.push(c);
        return;
    }
    let mut word = String::from(c);
    while let Some(&next) = chars.peek() {
        if !next.is_ascii_alphabetic() {
            break;
        }
        word.push(next);
        chars.next();
    }
    if let Some(accent) = ACCENTS.iter().find(|a| a.word == Some(word.as_str())) {
        apply_accent(accent, chars, depth, out);
    } else if let Some(&(_, letter)) = LETTERS.iter().find(|(w, _)| *w == word) {
        out.push_str(letter);
        skip_spaces(chars);
    } else {
        out.push('\\');
        out.push_str(&word);
    }
}

fn skip_spaces(chars: &mut Chars<'_>) {
    while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
}

/// Reads an accent's argument and writes it accented.
fn apply_accent(accent: &Accent, chars: &mut Chars<'_>, depth: usize, out: &mut String) {
    skip_spaces(chars);
    let mut argument = String::new();
    match chars.next() {
        Some('{') => {
            let mut group = String::new();
            let mut level = 0usize;
            let mut escaped = false;
            for c in chars.by_ref() {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '{' {
                    level += 1;
                } else if c == '}' {
                    if level == 0 {
                        break;
                    }
                    level -= 1;
                }
                group.push(c);
            }
            if depth < MAX_DEPTH {
                decode_into(&group, depth + 1, &mut argument);
            } else {
                argument.extend(group.chars().filter(|c| !matches!(c, '{' | '}' | '\\')));
            }
        }
        Some('\\') if depth < MAX_DEPTH => command(chars, depth + 1, &mut argument),
        // Too deep: the backslash is dropped and what follows read as text.
        Some('\\') => {}
        Some(c) => argument.push(c),
        None => {}
    }
    let mut rest = argument.chars();
    match rest.next() {
        Some(base) => {
            let base = match base {
                'ı' => 'i',
                'ȷ' => 'j',
                other => other,
            };
            match compose(base, accent.pairs) {
                Some(composed) => out.push(composed),
                None => {
                    out.push(base);
                    out.push(accent.mark);
                }
            }
            out.push_str(rest.as_str());
        }
        None => out.push(accent.spacing),
    }
}

/// The precomposed form of `base` under an accent, from the accent's table of
/// (base, composed) pairs.
fn compose(base: char, pairs: &str) -> Option<char> {
    let mut it = pairs.chars();
    while let (Some(b), Some(composed)) = (it.next(), it.next()) {
        if b == base {
            return Some(composed);
        }
    }
    None
}

/// A TeX accent command.
struct Accent {
    /// The control symbol (`\'`), if the accent is one.
    symbol: Option<char>,
    /// The control word (`\c`), if the accent is one.
    word: Option<&'static str>,
    /// The Unicode combining mark.
    mark: char,
    /// The accent on its own (an empty argument, `\'{}`).
    spacing: char,
    /// Base letter and precomposed character, alternating (Latin-1,
    /// Latin Extended-A/B and Latin Extended Additional).
    pairs: &'static str,
}

const fn sym(symbol: char, mark: char, spacing: char, pairs: &'static str) -> Accent {
    Accent {
        symbol: Some(symbol),
        word: None,
        mark,
        spacing,
        pairs,
    }
}

const fn word(word: &'static str, mark: char, spacing: char, pairs: &'static str) -> Accent {
    Accent {
        symbol: None,
        word: Some(word),
        mark,
        spacing,
        pairs,
    }
}

const ACCENTS: [Accent; 16] = [
    sym('`', '\u{300}', '`', "AÀEÈIÌNǸOÒUÙWẀYỲaàeèiìnǹoòuùwẁyỳ"),
    sym(
        '\'',
        '\u{301}',
        '´',
        "AÁCĆEÉGǴIÍKḰLĹMḾNŃOÓPṔRŔSŚUÚWẂYÝZŹaácćeégǵiíkḱlĺmḿnńoópṕrŕsśuúwẃyýzź",
    ),
    sym(
        '^',
        '\u{302}',
        '^',
        "AÂCĈEÊGĜHĤIÎJĴOÔSŜUÛWŴYŶZẐaâcĉeêgĝhĥiîjĵoôsŝuûwŵyŷzẑ",
    ),
    sym('~', '\u{303}', '~', "AÃEẼIĨNÑOÕUŨVṼYỸaãeẽiĩnñoõuũvṽyỹ"),
    sym('=', '\u{304}', '¯', "AĀEĒGḠIĪOŌUŪYȲaāeēgḡiīoōuūyȳ"),
    word("u", '\u{306}', '˘', "AĂEĔGĞIĬOŎUŬaăeĕgğiĭoŏuŭ"),
    sym(
        '.',
        '\u{307}',
        '˙',
        "AȦBḂCĊDḊEĖFḞGĠHḢIİMṀNṄOȮPṖRṘSṠTṪWẆXẊYẎZŻaȧbḃcċdḋeėfḟgġhḣmṁnṅoȯpṗrṙsṡtṫwẇxẋyẏzż",
    ),
    sym('"', '\u{308}', '¨', "AÄEËHḦIÏOÖUÜWẄXẌYŸaäeëhḧiïoötẗuüwẅxẍyÿ"),
    word("r", '\u{30A}', '˚', "AÅUŮaåuůwẘyẙ"),
    word("H", '\u{30B}', '˝', "OŐUŰoőuű"),
    word(
        "v",
        '\u{30C}',
        'ˇ',
        "AǍCČDĎEĚGǦHȞIǏKǨLĽNŇOǑRŘSŠTŤUǓZŽaǎcčdďeěgǧhȟiǐjǰkǩlľnňoǒrřsštťuǔzž",
    ),
    word(
        "d",
        '\u{323}',
        '.',
        "AẠBḄDḌEẸHḤIỊKḲLḶMṂNṆOỌRṚSṢTṬUỤVṾWẈYỴZẒaạbḅdḍeẹhḥiịkḳlḷmṃnṇoọrṛsṣtṭuụvṿwẉyỵzẓ",
    ),
    word("c", '\u{327}', '¸', "CÇDḐEȨGĢHḨKĶLĻNŅRŖSŞTŢcçdḑeȩgģhḩkķlļnņrŗsştţ"),
    word("k", '\u{328}', '˛', "AĄEĘIĮOǪUŲaąeęiįoǫuų"),
    word("b", '\u{331}', '_', "BḆDḎKḴLḺNṈRṞTṮZẔbḇdḏhẖkḵlḻnṉrṟtṯzẕ"),
    word("t", '\u{361}', '\u{361}', ""),
];

/// Letters written as control words.
const LETTERS: [(&str, &str); 13] = [
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
    ("o", "ø"),
    ("O", "Ø"),
    ("ss", "ß"),
    ("aa", "å"),
    ("AA", "Å"),
    ("l", "ł"),
    ("L", "Ł"),
    ("i", "ı"),
    ("j", "ȷ"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_accents_in_knuths_files() {
        assert_eq!(
            decode_tex(r"Monsieur Charles Fran\c{c}ois Bienvenu Myriel"),
            "Monsieur Charles François Bienvenu Myriel"
        );
        assert_eq!(decode_tex(r"Th\'enardier"), "Thénardier");
        assert_eq!(decode_tex(r"Countess de L\^o"), "Countess de Lô");
        assert_eq!(decode_tex(r"F\'elix Tholomy\`es"), "Félix Tholomyès");
        assert_eq!(decode_tex(r"prot\'eg\'e"), "protégé");
        assert_eq!(decode_tex(r"Sister Perp\'etue"), "Sister Perpétue");
    }
    #[test]
    fn decodes_every_accent_command() {
        let cases = [
            (r#"\"o"#, "ö"),
            (r"\~n", "ñ"),
            (r"\c{c}", "ç"),
            (r"\c c", "ç"),
            (r"\c{C}", "Ç"),
            (r"\=a", "ā"),
            (r"\.z", "ż"),
            (r"\u{g}", "ğ"),
            (r"\u g", "ğ"),
            (r"\v{c}", "č"),
            (r"\v{S}", "Š"),
            (r"\H{o}", "ő"),
            (r"\k{a}", "ą"),
            (r"\r{u}", "ů"),
            (r"\d{s}", "ṣ"),
            (r"\b{t}", "ṯ"),
            (r"\`A", "À"),
            (r"\^{}", "^"),
        ];
        for (tex, want) in cases {
            assert_eq!(decode_tex(tex), want, "{tex}");
        }
    }
    #[test]
    fn decodes_letters_and_dotless_i() {
        assert_eq!(decode_tex(r"\ae \AE \oe \OE"), "æÆœŒ");
        assert_eq!(decode_tex(r"C\ae sar"), "Cæsar");
        assert_eq!(decode_tex(r"\o\O\aa\AA\l\L"), "øØåÅłŁ");
        assert_eq!(decode_tex(r"Stra\ss e"), "Straße");
        assert_eq!(decode_tex(r"\i"), "ı");
        assert_eq!(decode_tex(r"\'\i"), "í");
        assert_eq!(decode_tex(r"\'{\i}"), "í");
        assert_eq!(decode_tex(r"\^\i"), "î");
        assert_eq!(decode_tex(r"{\L}\'od\'z"), "Łódź");
    }
    #[test]
    fn braces_around_or_inside_the_command() {
        assert_eq!(decode_tex(r"{\'E}mile"), "Émile");
        assert_eq!(decode_tex(r"\'{E}mile"), "Émile");
        assert_eq!(decode_tex(r"{\c c}a"), "ça");
        assert_eq!(decode_tex("{Mac}{Gregor}"), "MacGregor");
        assert_eq!(decode_tex(r"\'{}"), "´");
    }
    #[test]
    fn no_precomposed_form_gives_a_combining_mark() {
        assert_eq!(decode_tex(r"\'x"), "x\u{301}");
        assert_eq!(decode_tex(r"\t{oo}"), "o\u{361}o");
        assert_eq!(decode_tex(r"\.\i"), "i\u{307}");
    }
    #[test]
    fn plain_text_and_unknown_commands_are_kept() {
        assert_eq!(decode_tex("Jean Valjean"), "Jean Valjean");
        assert_eq!(decode_tex("Madame de R--"), "Madame de R--");
        assert_eq!(decode_tex(r"\Lambda x"), r"\Lambda x");
        assert_eq!(decode_tex(r"A \& B"), "A & B");
    }
    #[test]
    fn odd_input_does_not_panic() {
        for tex in [
            "\\",
            "\\'",
            "\\c",
            "\\'{",
            "\\'{\\",
            "{",
            "}",
            "\\'{é",
            "\\\u{301}",
            "\\t{}",
            "\\'\\'\\'",
            "\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{e}}}}}}}}}}}",
        ] {
            let _ = decode_tex(tex);
        }
        let deep = "\\'{".repeat(100_000);
        let _ = decode_tex(&deep);
    }
}
