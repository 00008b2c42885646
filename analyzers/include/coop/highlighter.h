// Snippets with highlighted matches, computed with the same Analyzer as the index so that folded,
// elided and stemmed matches are marked on the original words ("l’<mark>eau</mark>",
// "<mark>Fès</mark>"). Xapian's MSet::snippet() is not used because it tokenizes with its own rules
// and cannot see that "equipements" matches "équipements".
#ifndef COOP_HIGHLIGHTER_H_
#define COOP_HIGHLIGHTER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "coop/analyzer.h"

namespace coop {

/// What to mark: a token matches if its folded term is in `terms`, its stem is in `stems`, or its
/// term starts with one of `prefixes`.
struct HighlightSpec {
  std::unordered_set<std::string> terms;  ///< Folded terms (exact-form and phrase words).
  std::unordered_set<std::string> stems;  ///< Snowball stems (free-text words).
  std::vector<std::string> prefixes;      ///< Folded prefixes (prefix* queries).
  bool empty() const { return terms.empty() && stems.empty() && prefixes.empty(); }
};

/// Returns an HTML-safe excerpt of UTF-8 `text` of at most about `max_bytes` bytes of text, centred
/// on the densest group of matches, with each match wrapped in <mark>…</mark>. Everything else is
/// HTML-escaped; invalid UTF-8, U+FFFD and runs of whitespace become single spaces; "…" marks a
/// cut. With no match, returns the start of the text. Uses `analyzer` (so not thread-safe with it).
std::string Snippet(Analyzer& analyzer, std::string_view text, const HighlightSpec& spec,
                    std::size_t max_bytes = 240);

/// Encodes `tokens` (Analyze(text) output) as a compact binary table for SnippetFromTable: per
/// token its byte span and entry number, per distinct (term, stem) entry the term (or a flag when
/// it is the plain fold of the word's text, as for most words) and the stem's difference to it
/// (format in highlighter.cpp). About 2.5 bytes a token and 2 an entry: 0.7 times the text's
/// size on the corpus. Returns "" (no table) if the tokens are not `text`'s in text order.
/// Thread-safe.
std::string HighlightTable(std::string_view text, const std::vector<Token>& tokens);

/// The same snippet as Snippet(analyzer, text, spec, max_bytes), cut from `table` ==
/// HighlightTable(text, analyzer.Analyze(text)) without running the analyzer: byte for byte equal
/// when the table was built with the same analyzer options and data
/// (tests/highlight_table_test.cpp). Returns std::nullopt if `table` is empty, of another format or
/// malformed, or if its spans do not fit `text`: the caller then falls back to Snippet().
/// Thread-safe.
std::optional<std::string> SnippetFromTable(std::string_view text, std::string_view table,
                                            const HighlightSpec& spec, std::size_t max_bytes = 240);

/// The byte span [begin, end) of a token of a text that matches a HighlightSpec.
struct MarkSpan {
  std::size_t begin = 0, end = 0;
};

/// Every token of `text` that matches `spec`, as byte spans in text order; of overlapping tokens
/// (a compound "Aix-en-Provence" and its parts) only the first, widest, is kept, as snippets mark
/// them. Read from `table` == HighlightTable(text, ...) without running the analyzer; returns
/// std::nullopt when SnippetFromTable would (empty, other format, malformed). Used to mark a
/// whole passage (the document view) rather than a snippet of it. Thread-safe.
std::optional<std::vector<MarkSpan>> MatchSpansFromTable(std::string_view text,
                                                         std::string_view table,
                                                         const HighlightSpec& spec);

/// The same spans as MatchSpansFromTable, from `analyzer` (for a passage without a usable
/// table). Not thread-safe with `analyzer`.
std::vector<MarkSpan> MatchSpans(Analyzer& analyzer, std::string_view text,
                                 const HighlightSpec& spec);

/// Appends `text` to `out` HTML-escaped (& < > " '), with invalid UTF-8 and U+FFFD replaced by a
/// space and whitespace runs collapsed to one space. Markdown leftovers of the extraction are
/// dropped: "**" and the "^{" "}" around a superscript ("1^{er}" shows as "1er"). Thread-safe.
void AppendEscapedHtml(std::string& out, std::string_view text);

/// Appends `text` to `out` escaped for HTML and XML text and attribute values (& < > " '), and
/// nothing else changed, except what would make the output ill-formed: each invalid UTF-8
/// sequence becomes U+FFFD and each C0 control other than tab, LF and CR a space (XML 1.0,
/// section 2.2, Char). For names, labels and URLs in generated markup (the map's SVG), where
/// AppendEscapedHtml's clean-up of extracted text would change them. Thread-safe.
void AppendEscapedMarkup(std::string& out, std::string_view text);

}  // namespace coop

#endif  // COOP_HIGHLIGHTER_H_
