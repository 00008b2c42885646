// Segmentation of source documents into records and passages, driven by document structure.
// SegmentDocument (declared in corpus.h) tries each document style in turn:
//  - repertoire: a table of contents of "<entry>  p.N" lines whose "A/B" entries are partnerships
//    (Cités Unies France "Répertoire des partenariats", 001);
//  - programme: upper-case "BELGIAN/MOROCCAN" partnership heads followed by "Nom complet et
//    abréviation" forms, and a numbered outline ("4.2.1 VISION ET MISSION") for the rest (004);
//  - otherwise one document record split into paragraph passages.
// The helpers below are shared by the styles and exposed for tests. All functions are pure and
// thread-safe. Offsets are byte offsets into the whole source text.
#ifndef COOP_SEGMENTER_H_
#define COOP_SEGMENTER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "coop/corpus.h"
#include "coop/fold.h"  // segmentation compares lines and names as Fold(s, kKeyFold)

namespace coop::seg {

/// One line of a text: [begin, end) bytes, without the '\n'.
struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Splits `text` into lines (the last line may lack '\n').
std::vector<Line> Lines(std::string_view text);

/// `s` without leading/trailing spaces, tabs, CR and form feeds.
std::string_view Trim(std::string_view s);

/// True if `s` holds only spaces, tabs, CR and form feeds.
bool IsBlank(std::string_view s);

/// True if `s` has at least 4 letters and none of them is lower case ("PROJETS EN COURS").
bool IsUpperCaseLine(std::string_view s);

/// True if the first code point of `s` is an upper-case letter.
bool StartsWithUpper(std::string_view s);

/// Collapses runs of white space to one space and trims; drops a trailing " p.N" page reference
/// and a footnote digit glued to a word ("partenaires1" -> "partenaires").
std::string CleanTitle(std::string_view s);

/// Actor type from the leading words of an actor name, as written: "Commune urbaine d'Oujda" ->
/// "commune urbaine", "Conseil général de l'Isère" -> "conseil général", "Ville et Communauté
/// urbaine de Lyon" -> "ville", "Commune d'Evere" -> "commune". Empty when no known leading word.
/// The leading words are the `prefixes` of corpus/data/actor_types.csv (the longest wins), the
/// names of French and Moroccan local government with their sources. Throws std::runtime_error
/// on first use if that embedded file is malformed (see ParseActorTypes).
std::string ActorTypeOf(std::string_view name);

/// Splits a partner heading that may name several actors into singular names:
/// "Communes urbaines de Marrakech et de Meknès" -> {"Commune urbaine de Marrakech",
/// "Commune urbaine de Meknès"}; a single name is returned unchanged (cleaned).
std::vector<std::string> SplitActorNames(std::string_view heading);

/// Sorted unique years 1950..2030 written as 4 digits in `text` ("26/11/1999" -> 1999).
std::vector<int> ExtractYears(std::string_view text);

/// Parses a written amount "2 032 800", "816.560", "385.767,95", "1,5" into a number; returns
/// false if `s` is not a number. Dots followed by 3 digits are thousands separators; a comma
/// is the decimal mark.
bool ParseAmount(std::string_view s, double& out);

/// Every amount with a currency in `text`, line by line: "2 032 800 Dhs" -> {2032800, "MAD"},
/// "385.767,95 €" -> {385767.95, "EUR"}, "9 millions de dirhams" -> {9e6, "MAD"}. An amount
/// in parentheses or after "=" right after another amount (its conversion) is skipped. `funds`
/// is the label before the amount back to the previous ':' / ';' or line start.
std::vector<Budget> ExtractBudgets(std::string_view text);

/// Values of the field lines of `text` whose label starts with `label` (compared folded), e.g.
/// label "cadre juridique" matches "Cadre juridique actuel : X" -> "X". Values are cleaned.
std::vector<std::string> FieldValues(std::string_view text, std::string_view label);

/// A heading inside a record: the line starting at byte `begin`, its depth (0 = outermost)
/// and its display text.
struct Heading {
  std::size_t begin = 0;
  int level = 0;
  std::string text;
};

/// Passages of the record text [begin, end) of `text`: one section per heading run (a heading
/// and the headings right after it), each with its heading path "A › B › C"; sections longer
/// than 2 × `target` bytes are cut at paragraphs, short sibling sections are merged (path =
/// their common parent). Ids are "<record_id>-p<n>". Every non-blank byte of [begin, end) lies
/// in exactly one passage. `headings` must be sorted by `begin` and lie inside [begin, end).
std::vector<Passage> BuildPassages(std::string_view text, std::size_t begin, std::size_t end,
                                   const std::vector<Heading>& headings,
                                   const std::string& record_id, std::size_t target = 600);

/// A record with the source's metadata and id "<stem>-r<n>" covering [begin, end).
Record MakeRecord(const SourceInfo& info, std::size_t n, std::size_t begin, std::size_t end);

/// The first country of `info` that is not "Maroc" (the foreign side of its partnerships).
std::string ForeignCountry(const SourceInfo& info);

/// Repertoire style (see file comment); empty if `text` has no table of contents of this style.
/// A document part that is a synthesis by domain (DomainSynthesis) fills the annex_domains of
/// the partnership records it lists (ApplyDomainSynthesis).
std::vector<Record> SegmentRepertoire(const SourceInfo& info, std::string_view text);

/// One partnership line of a synthesis-by-domain part, under its headings (as written, without
/// bullets or Markdown '*' markup).
struct SynthesisLine {
  std::string domain;      ///< Domain heading, e.g. "Éducation et jeunesse".
  std::string sub_domain;  ///< Bulleted sub-domain heading ("➤ Santé" -> "Santé"), or empty.
  std::string text;        ///< The line, e.g. "Ville de Montreuil/Commune urbaine d'Agadir".
  std::size_t begin = 0;   ///< Byte offset of the line in the source text.
};

/// The partnership lines of the document part [begin, end) of `text` if that part is a synthesis
/// by domain, else empty. Structure (001 l.7980-8250): after the part's title line, domain
/// headings (short lines naming no actor), sub-domain headings (lines starting with a bullet
/// symbol such as "➤"), and under them lines whose leading words name an actor type
/// (ActorTypeOf): "A/B" pairs, or one actor when the extraction cut the line. The part must have
/// at least 5 "A/B" lines, at least one heading before its first line, no contents line
/// ("... p.N") and hardly any prose (at most one long or sentence line per 10 "A/B" lines).
std::vector<SynthesisLine> DomainSynthesis(std::string_view text, std::size_t begin,
                                           std::size_t end);

/// Adds "domain › sub-domain" (or "domain") of each line to Record::annex_domains of the
/// partnership record of `records` the line names, once per record and path. A line names the
/// record whose foreign partners best match its side before '/' and whose Moroccan partners
/// best match its side after it (each actor of a plural side, "Communes urbaines de Marrakech
/// et de Meknès", must match one), compared on folded words without articles: a side's score is
/// common words / words of the longer name, with a side's last word also matching as a prefix
/// of 4 or more letters (a cut line: "Tifle" for "Tiflet"); the record's score is its lower
/// side score. The best record must score at least 0.75 and beat every other. Returns the lines
/// that name no record (fail soft: they change nothing).
std::vector<SynthesisLine> ApplyDomainSynthesis(const std::vector<SynthesisLine>& lines,
                                                std::vector<Record>& records);

/// Programme style (see file comment); empty if `text` has no partnership forms of this style.
/// Without "Nom complet et abréviation" forms, the sections structure
/// (SegmentProgrammeSections).
std::vector<Record> SegmentProgramme(const SourceInfo& info, std::string_view text);

/// Programme style, sections structure: partnerships as headed sections (a Markdown heading "##
/// A – B", or an upper-case heading alone in its paragraph) holding side fields that name each
/// country's collectivities ("- Commune belge : Ville de Hasselt (province de Limbourg)",
/// "Communes marocaines : communes urbaines de Missour et d'Outat Oulad El Haj, province de
/// Boulemane": label = collectivity word + country adjective). Needs at least two sections with a
/// foreign and a Moroccan side. Records: the text before the first section and between sections
/// (document parts, titled by their heading), one partnership per section (partners foreign side
/// first, then Moroccan; its title the heading; up to the next heading of its level or a
/// Markdown rule "---"), and a footer after such a rule as a document part. Every record takes
/// both ends of a programme period its first heading gives ("2008-2012"). Empty when not that
/// structure. Pure; thread-safe.
std::vector<Record> SegmentProgrammeSections(const SourceInfo& info, std::string_view text);

/// Atlas style (French atlas of decentralised cooperation, CNCD project page): one partnership
/// record when the text has the atlas fields "Collectivité partenaire", "Année de première
/// signature de la convention" and "Thématique d'intervention" or "Historique" (as "Label : value"
/// or a label line followed by its value). Partners from "Collectivité française" (France) and
/// "Collectivité partenaire" (country from "Pays", else Maroc), years from the signature and
/// renewal fields, domains_text from "Thématique d'intervention". Empty when not that style.
std::vector<Record> SegmentAtlas(const SourceInfo& info, std::string_view text);

}  // namespace coop::seg

#endif  // COOP_SEGMENTER_H_
