// Domains stated in running text (issue 15): Enricher::StatedDomains.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "coop/enrich.h"
#include "enrich_internal.h"

namespace coop {
namespace {

// Folded words (name_connectives.txt removed: "porte sur" is "porte", "en matière de" is
// "matiere", "autour de" is "autour") that make a sentence a statement of the fields of work.
// They are the headings and verbs with which French cooperation texts list fields: the atlas's
// "Thématique d'intervention", programme forms' "Objectifs" and "thèmes prioritaires", press
// "le partenariat porte sur", "la convention prévoit", "axes de coopération" (corpus 001 l.6207
// "Quatre grands axes").
const std::set<std::string>& StatementCues() {
  static const std::set<std::string> cues = {
      "domaine",      "domaines",  "theme",       "themes",       "thematique", "thematiques",
      "secteur",      "secteurs",  "axe",         "axes",         "objectif",   "objectifs",
      "priorite",     "priorites", "prioritaire", "prioritaires", "volet",      "volets",
      "porte",        "portent",   "portera",     "porteront",    "concerne",   "concernent",
      "concerneront", "matiere",   "autour",      "prevoit",      "prevoient",  "prevoira"};
  return cues;
}

// Sentences of `text`: cut after . ! ? followed by white space, at blank lines, and before a
// line that starts a list item ("- ", "* ", "• ").
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  const auto cut = [&](std::size_t end, std::size_t next) {
    if (end > start) out.push_back(text.substr(start, end - start));
    start = next;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool space_after = i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
    if ((c == '.' || c == '!' || c == '?') && space_after) {
      cut(i + 1, i + 1);
    } else if (c == '\n') {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      const std::string_view rest = text.substr(j);
      if (rest.empty() || rest[0] == '\n' || rest.rfind("- ", 0) == 0 || rest.rfind("* ", 0) == 0 ||
          rest.rfind("\xE2\x80\xA2", 0) == 0) {
        cut(i, i + 1);
      }
    }
  }
  cut(text.size(), text.size());
  return out;
}

// `s` with the first letter of its first word lower-cased (and the first letter after each
// colon): a sentence's or a definition's opening word is capitalised by position, not because
// it begins a name ("Tourisme, environnement et santé", "Santé : le CHU ...").
std::string LowerOpenings(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool opening = true;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(s.size());) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
    if (c < 0) {
      out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      continue;
    }
    if (opening && u_isalpha(c)) {
      c = u_tolower(c);
      opening = false;
    } else if (c == ':') {
      opening = true;
    }
    char buf[U8_MAX_LENGTH];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// Words of a definition's head ("Culture et sport : ...") at most: longer text before a colon
// is a sentence, not a heading.
constexpr std::size_t kMaxHeadWords = 5;
// Words between two items of an enumeration at most ("la gouvernance, le patrimoine").
constexpr std::size_t kMaxItemGap = 3;

}  // namespace

std::vector<std::string> Enricher::StatedDomains(std::string_view text) const {
  std::vector<std::string> out;
  for (std::string_view written : Sentences(text)) {
    const std::string lowered = LowerOpenings(written);
    const std::string_view sentence = lowered;
    std::vector<std::pair<std::size_t, int>> found;  // first position, domain
    // A definition "Santé : le CHU de Lille a accompagné ...": a head of thesaurus terms
    // before a colon names the field of what follows.
    if (const std::size_t colon = sentence.find(':'); colon != std::string_view::npos) {
      const std::string_view head = sentence.substr(0, colon);
      if (impl_->Words(head).size() <= kMaxHeadWords) {
        for (const auto& [d, seen] : impl_->ScanDomains(
                 head, {&impl_->domain_any, &impl_->domain_list}, enrich_detail::InNames::kCount))
          found.push_back({seen.second, d});
      }
    }
    bool cue = false;
    for (const enrich_detail::Word& w : impl_->Words(sentence)) {
      if (StatementCues().count(w.term)) {
        cue = true;
        break;
      }
    }
    if (cue) {
      for (const auto& [d, seen] : impl_->ScanDomains(
               sentence, {&impl_->domain_any, &impl_->domain_list}, enrich_detail::InNames::kSkip))
        found.push_back({seen.second, d});
    } else {
      const auto listed =
          impl_->ScanDomains(sentence, {&impl_->domain_any}, enrich_detail::InNames::kSkip);
      // An enumeration: phrases of two labels or more. Once the sentence lists fields, a word
      // that names one only in a list counts too when it is an item next to them ("sur la
      // gouvernance, le patrimoine, les transports ou le tourisme"; not "football entre jeunes"
      // at the end of a list of events).
      if (listed.size() >= 2) {
        for (const auto& [d, seen] : listed) found.push_back({seen.second, d});
        const std::vector<enrich_detail::Word> words = impl_->Words(sentence);
        for (const auto& [d, seen] :
             impl_->ScanDomains(sentence, {&impl_->domain_list}, enrich_detail::InNames::kSkip)) {
          // Clang before 16 cannot capture a structured binding: copy the position first.
          const std::size_t b = seen.second;
          const bool next_to_item = std::any_of(listed.begin(), listed.end(), [&](const auto& l) {
            const std::size_t a = l.second.second;
            return (a > b ? a - b : b - a) <= kMaxItemGap;
          });
          // ... and is no word of a name ("Commune rurale d'Aït Zineb").
          const bool in_name =
              seen.second > 0 && seen.second - 1 < words.size() && words[seen.second - 1].upper;
          // ... and ends its item ("les transports ou", not "économie d'énergie").
          bool ends_item = false;
          if (seen.second < words.size()) {
            std::string_view rest = sentence.substr(words[seen.second].end);
            while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
            ends_item = rest.empty() || rest.front() == ',' || rest.front() == ';' ||
                        rest.front() == '.' || rest.front() == ')' || rest.starts_with("et ") ||
                        rest.starts_with("ou ");
          }
          if (next_to_item && !in_name && ends_item) found.push_back({seen.second, d});
        }
      }
    }
    std::sort(found.begin(), found.end());
    for (const auto& [pos, d] : found)
      enrich_detail::AddUnique(out, impl_->data.domains()[static_cast<std::size_t>(d)].label);
  }
  return out;
}

}  // namespace coop
