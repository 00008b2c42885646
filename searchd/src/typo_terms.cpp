#include "typo_terms.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>

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

std::uint64_t LetterMask(std::u32string_view text) {
  std::uint64_t mask = 0;
  for (const char32_t c : text) mask |= std::uint64_t{1} << (c % 64);
  return mask;
}

std::size_t TyposAllowed(std::size_t letters) {
  if (letters >= 9) return 2;
  return letters >= 5 ? 1 : 0;
}

std::size_t BoundedEditDistance(std::u32string_view a, std::u32string_view b, std::size_t bound) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > bound) return bound + 1;
  // Three rows of the dynamic programme: the transposition looks two rows back. On the stack
  // for words of up to 63 code points (every word of the corpus): a scan of the dictionary calls
  // this once per word of a near length.
  constexpr std::size_t kStack = 64;
  std::array<std::size_t, kStack> s_before, s_previous, s_row;
  std::vector<std::size_t> v_before, v_previous, v_row;
  std::size_t* before = s_before.data();
  std::size_t* previous = s_previous.data();
  std::size_t* row = s_row.data();
  if (m + 1 > kStack) {
    v_before.resize(m + 1), v_previous.resize(m + 1), v_row.resize(m + 1);
    before = v_before.data(), previous = v_previous.data(), row = v_row.data();
  }
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

TypoDictionary::TypoDictionary(const Xapian::Database& spelling) {
  for (auto it = spelling.spellings_begin(); it != spelling.spellings_end(); ++it) {
    Word w{*it, {}, it.get_termfreq()};
    w.text = CodePoints(w.term);
    w.letters = LetterMask(w.text);
    const std::size_t n = w.text.size();
    if (by_length_.size() <= n) by_length_.resize(n + 1);
    by_length_[n].push_back(std::move(w));
    ++size_;
  }
}

const std::vector<TypoDictionary::Word>& TypoDictionary::OfLength(std::size_t length) const {
  static const std::vector<Word> kNone;
  return length < by_length_.size() ? by_length_[length] : kNone;
}

std::vector<TypoAlternative> TypoAlternatives(Xapian::doccount term_frequency,
                                              const TypoDictionary& dictionary,
                                              const std::string& term, std::size_t limit) {
  const std::u32string word = CodePoints(term);
  const std::size_t budget = TyposAllowed(word.size());
  if (budget == 0 || limit == 0) return {};
  if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
  if (term_frequency > 0) return {};
  struct Candidate {
    const TypoDictionary::Word* word;
    std::size_t edits;
  };
  std::vector<Candidate> found;
  const std::uint64_t letters = LetterMask(word);
  // A word with more code points than the budget that the other lacks is too far (LetterMask):
  // at x1, this skips most of the dictionary's words of a near length before their distance.
  const auto too_far = [&](std::uint64_t other) {
    return static_cast<std::size_t>(std::popcount(letters & ~other)) > budget ||
           static_cast<std::size_t>(std::popcount(other & ~letters)) > budget;
  };
  for (std::size_t n = word.size() - std::min(word.size(), budget); n <= word.size() + budget;
       ++n) {
    for (const TypoDictionary::Word& w : dictionary.OfLength(n)) {
      if (too_far(w.letters)) continue;
      const std::size_t edits = BoundedEditDistance(word, w.text, budget);
      if (edits <= budget) found.push_back({&w, edits});
    }
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.edits != b.edits) return a.edits < b.edits;
    if (a.word->frequency != b.word->frequency) return a.word->frequency > b.word->frequency;
    return a.word->term < b.word->term;
  });
  std::vector<TypoAlternative> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
    out.push_back({found[i].word->term, found[i].edits});
  }
  return out;
}

}  // namespace coop
