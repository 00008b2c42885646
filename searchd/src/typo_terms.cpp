#include "typo_terms.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace coop {
namespace {

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(s.size());) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace

std::size_t TyposAllowed(std::size_t letters) {
  if (letters >= 9) return 2;
  return letters >= 5 ? 1 : 0;
}

std::size_t BoundedEditDistance(std::u32string_view a, std::u32string_view b, std::size_t bound) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > bound) return bound + 1;
  // Three rows of the dynamic programme: the transposition looks two rows back.
  std::vector<std::size_t> before(m + 1), previous(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = i;
    std::size_t least = row[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
      least = std::min(least, row[j]);
    }
    if (least > bound) return bound + 1;  // every later row is at least this
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return std::min(previous[m], bound + 1);
}

std::vector<TypoAlternative> TypoAlternatives(Xapian::doccount term_frequency,
                                              const Xapian::Database& spelling,
                                              const std::string& term, std::size_t limit) {
  const std::u32string word = CodePoints(term);
  const std::size_t budget = TyposAllowed(word.size());
  if (budget == 0 || limit == 0) return {};
  if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
  if (term_frequency > 0) return {};
  struct Candidate {
    TypoAlternative alternative;
    Xapian::doccount frequency;
  };
  std::vector<Candidate> found;
  for (auto it = spelling.spellings_begin(); it != spelling.spellings_end(); ++it) {
    const std::string candidate = *it;
    // Bytes bound code points from above, and from below by a quarter: a cheap length filter.
    if (candidate.size() + budget < word.size() || candidate.size() > 4 * (word.size() + budget)) {
      continue;
    }
    const std::size_t edits = BoundedEditDistance(word, CodePoints(candidate), budget);
    if (edits <= budget) found.push_back({{candidate, edits}, it.get_termfreq()});
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.alternative.edits != b.alternative.edits)
      return a.alternative.edits < b.alternative.edits;
    if (a.frequency != b.frequency) return a.frequency > b.frequency;
    return a.alternative.term < b.alternative.term;
  });
  std::vector<TypoAlternative> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
    out.push_back(std::move(found[i].alternative));
  }
  return out;
}

}  // namespace coop
