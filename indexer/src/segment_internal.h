// Internal helpers of the segmentation styles (not part of the library's interface).
#ifndef COOP_SEGMENT_INTERNAL_H_
#define COOP_SEGMENT_INTERNAL_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "coop/segmenter.h"

namespace coop::seg {

/// The lines of one source text with their folded forms, for structural look-ups.
class LineIndex {
 public:
  LineIndex(std::string_view text, const std::vector<Line>& lines);

  /// Line `i` as written (untrimmed).
  std::string_view Text(std::size_t i) const;
  /// Index of the next / previous non-blank line after / before `i`; size() / i if none.
  std::size_t NextNonBlank(std::size_t i) const;
  std::size_t PrevNonBlank(std::size_t i) const;
  /// Non-blank and at most 150 bytes once trimmed: a possible heading or name.
  bool IsShort(std::size_t i) const;
  /// Non-blank with blank lines (or the text's ends) on both sides.
  bool IsOwnParagraph(std::size_t i) const;
  /// A letter's salutation paragraph: "Madame, Monsieur,".
  bool IsSalutation(std::size_t i) const;
  /// The significant folded words of `name` are mostly those of line `i` and vice versa
  /// (share of each side's words >= `threshold`); articles and "de" are ignored.
  bool Similar(std::string_view name, std::size_t i, double threshold) const;
  /// Index of the line starting at byte `begin` (binary search); size() if none.
  std::size_t LineAt(std::size_t begin) const;
  std::size_t size() const { return lines_.size(); }
  const std::vector<Line>& lines() const { return lines_; }

  std::vector<std::string> folded;  ///< Fold(line, kKeyFold) of each line.
  /// Per line: 1 if it looks like a heading (see RepertoireHeadings), else 0.
  std::vector<char> heading;
  /// Folded heading texts: how often each occurs; which are section containers (level 1).
  std::map<std::string, int> heading_count;
  std::set<std::string> containers;

 private:
  bool LooksLikeHeading(std::size_t i) const;

  std::string_view text_;
  const std::vector<Line>& lines_;
};

/// Heading lines of a repertoire record's range [begin, end), from byte `head_end` on: one-line
/// paragraphs that look like headings. Levels: 0 "Partenariat avec ..." (a sub-partnership),
/// 1 upper-case section headings that recur or contain other upper-case headings ("PROJETS EN
/// COURS", "CONTACTS"), 2 other upper-case headings ("DEVELOPPEMENT URBAIN"), 3 mixed-case
/// titles (a project), 4 mixed-case labels that recur in the document ("Description du projet").
std::vector<Heading> RepertoireHeadings(const LineIndex& index, std::size_t begin, std::size_t end,
                                        std::size_t head_end);

/// What a record start found in the text tells about the record.
struct RecordHead {
  std::string title;
  std::vector<Partner> partners;
  bool partnership = false;
};

/// Fills kind, title, partners, countries, legal_framework, domains_text, years and budgets of
/// a repertoire record from `head` and the record's text (r.begin .. r.end of `text`).
void FillRepertoireRecord(std::string_view text, const RecordHead& head, Record& r);

/// The words of a folded actor name in order, without articles and "de" ("conseil regional de
/// l oriental" -> {"conseil", "regional", "oriental"}).
std::vector<std::string> NameWordList(std::string_view folded);

/// True if `value` says more than a date ("14 janvier 2005" is only a date).
bool HasWordsBesidesDate(std::string_view value);

}  // namespace coop::seg

#endif  // COOP_SEGMENT_INTERNAL_H_
