// Organisations named in running text by the head word of their name (issue 15):
// Enricher::Organisations (coop/enrich.h).
#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string>

#include "coop/enrich.h"
#include "coop/fold.h"
#include "enrich_internal.h"

namespace coop {

using enrich_detail::Word;

namespace {

// The head words that open an organisation's name in French, the actor type they announce and
// the role such an organisation plays when the text gives no cue. Types and roles follow
// corpus/data/actor_roles.csv: agencies, associations and public establishments (universities,
// hospitals, libraries, institutes) carry out projects (operator); a network (réseau) is a
// network; a ministry, an embassy or a directorate-general funds (funder). A foundation named in
// a text about a partnership works on it (operator: "porté par la Fondation Trois Cultures").
struct Head {
  std::string_view words;  // as written; compared on the analyzer's folded terms
  std::string_view type;
  std::string_view role;
};
constexpr Head kHeads[] = {
    {"Agence", "agence", "operator"},
    {"Association", "association", "operator"},
    {"Fondation", "fondation", "operator"},
    {"Institut", "établissement", "operator"},
    {"Université", "établissement", "operator"},
    {"Bibliothèque", "établissement", "operator"},
    {"Médiathèque", "établissement", "operator"},
    {"Centre hospitalier", "établissement", "operator"},
    {"CHU", "établissement", "operator"},
    {"Hôpital", "établissement", "operator"},
    {"Réseau", "réseau", "network"},
    // A federation of associations is an association; one of local governments a network
    // (FederationOfGovernments).
    {"Fédération", "association", "operator"},
    {"Ministère", "ministère", "funder"},
    {"Ambassade", "ministère", "funder"},
    {"Direction générale", "ministère", "funder"},
};

// Lower-case words inside a name at most ("Réseau des villes stratégiques du nord du Maroc").
constexpr int kMaxLowerRun = 3;
// Lower-case words between a lower-case head and the proper name at most ("l'association de
// migrants Hawd Assafi").
constexpr int kMaxLowerBeforeName = 2;
// Words of a name at most, head included.
constexpr std::size_t kMaxWords = 10;
// Words that end a name: verbs, relatives and prepositions that start what the text says of it.
constexpr std::array<std::string_view, 20> kStops = {
    "qui",   "que",  "a",    "est",  "sont", "ont",   "pour", "avec",  "dans", "par",
    "entre", "vers", "chez", "dont", "sera", "etait", "cree", "creee", "ou",   "selon"};
// Connectives that may join the words of a name (the gap between two of its words).
// "en" joins a name's place and its country ("Fédération des associations de Figuig en France").
constexpr std::array<std::string_view, 9> kJoining = {"de", "du",  "des", "d", "la",
                                                      "le", "les", "l",   "en"};

// True if the bytes between two words of a name hold only spaces, apostrophes and the joining
// connectives, or are the hyphen of a compound: no punctuation, no line break (table cells of an
// extracted PDF run on to the next line), no " - " between two names, no "et", "à", "au".
bool JoinsName(std::string_view gap) {
  if (gap.find('\n') != std::string_view::npos) return false;
  if (gap.find('-') != std::string_view::npos && gap != "-") return false;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(gap[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '-' || c == '\'' || c == '&' ||
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      continue;
    if (c == 0xE2 && i + 2 < gap.size() && static_cast<unsigned char>(gap[i + 1]) == 0x80 &&
        static_cast<unsigned char>(gap[i + 2]) == 0x99) {  // ’
      i += 2;
      continue;
    }
    return false;
  }
  std::string folded = Fold(gap, kKeyFold);
  for (char& c : folded) c = c == '\'' || c == '-' || c == '&' ? ' ' : c;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    const std::string_view word(folded.data() + start, end - start);
    if (!word.empty() && std::find(kJoining.begin(), kJoining.end(), word) == kJoining.end())
      return false;
    start = end + 1;
  }
  return true;
}

// Whether a federation's name says it federates local governments ("Fédération andalouse des
// municipalités et provinces"): then it is a network of them (actor_roles.csv type:réseau).
bool FederationOfGovernments(std::string_view name) {
  const std::string folded = Fold(name, kKeyFold);
  for (std::string_view w : {"municipalit", "communes", "villes", "collectivit", "provinces"}) {
    if (folded.find(w) != std::string::npos) return true;
  }
  return false;
}

// Plural heads in lower case and the singular head they stand for: "les universités de Jaén et
// Pablo de Olavide" names two universities.
struct Plural {
  std::string_view term;  // folded
  const Head* head;
};
constexpr Plural kPlurals[] = {
    {"universites", &kHeads[4]}, {"associations", &kHeads[1]}, {"fondations", &kHeads[2]},
    {"instituts", &kHeads[3]},   {"agences", &kHeads[0]},
};

// "les universités de Jaén et Pablo de Olavide" at word i: each proper name of the list after a
// plural lower-case head is an organisation of the singular head, named with the connective
// written before it, else (a name that is no place: a person's, "Pablo de Olavide") without
// one, else (a place: "de Jaén et Séville") with the first item's. Two names at least. Returns
// the last word used, 0 if the words at i are no such list.
// `is_place(words)`: the words are one place of the gazetteer. The analyzer's words leave out
// connectives and "et": they are read in the gaps between words.
std::size_t PluralOrganisations(std::string_view text, const std::vector<Word>& w, std::size_t i,
                                const std::function<bool(const std::vector<Word>&)>& is_place,
                                std::vector<OrganisationMention>& out) {
  if (w[i].upper) return 0;
  const auto plural = std::find_if(std::begin(kPlurals), std::end(kPlurals),
                                   [&](const Plural& p) { return p.term == w[i].term; });
  if (plural == std::end(kPlurals)) return 0;
  const auto gap = [&](std::size_t k) {
    return text.substr(w[k - 1].end, w[k].begin - w[k - 1].end);
  };
  // The connective of a gap as written ("de", "d'", "du"), "" if none; nullopt if the gap holds
  // anything else.
  const auto connective_of = [](std::string_view g, bool after_et) -> std::optional<std::string> {
    std::string t(g);
    while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    while (!t.empty() && t.back() == ' ') t.pop_back();
    if (after_et) {
      if (!t.starts_with("et")) return std::nullopt;
      t.erase(0, 2);
      while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    }
    for (std::string_view c : {"", "de", "du", "d'", "d\u2019"}) {
      if (t == c) return t;
    }
    return std::nullopt;
  };
  struct Item {
    std::size_t first, last;
    std::string connective;
  };
  std::vector<Item> items;
  std::size_t j = i + 1;
  if (j >= w.size() || !w[j].upper) return 0;
  std::optional<std::string> first = connective_of(gap(j), false);
  if (!first || first->empty()) return 0;
  items.push_back({j, j, *first});
  for (std::size_t k = j + 1; k < w.size(); ++k) {
    if (!w[k].upper) break;
    const std::string_view g = gap(k);
    if (JoinsName(g) && !connective_of(g, true)) {
      items.back().last = k;  // "Pablo de Olavide"
      continue;
    }
    const std::optional<std::string> next = connective_of(g, true);
    if (!next) break;
    items.push_back({k, k, *next});
  }
  if (items.size() < 2) return 0;
  for (std::size_t n = 0; n < items.size(); ++n) {
    const Item& item = items[n];
    std::string connective = item.connective;
    if (connective.empty() && n > 0) {
      std::vector<Word> proper(w.begin() + static_cast<std::ptrdiff_t>(item.first),
                               w.begin() + static_cast<std::ptrdiff_t>(item.last) + 1);
      if (is_place(proper)) connective = items[0].connective;
    }
    const std::string proper_name(
        text.substr(w[item.first].begin, w[item.last].end - w[item.first].begin));
    OrganisationMention m;
    m.begin = w[item.first].begin;
    m.end = w[item.last].end;
    m.name = std::string(plural->head->words);
    if (!connective.empty()) m.name += " " + connective;
    if (connective.empty() || (!connective.ends_with("'") && !connective.ends_with("\u2019")))
      m.name.push_back(' ');
    m.name += enrich_detail::CollapseSpaces(proper_name);
    m.type = std::string(plural->head->type);
    m.role = std::string(plural->head->role);
    m.proper_name = m.name;
    out.push_back(std::move(m));
  }
  return items.back().last;
}

}  // namespace

std::vector<OrganisationMention> Enricher::Organisations(std::string_view text) const {
  static const std::vector<std::pair<std::vector<std::string>, const Head*>> heads = [this] {
    std::vector<std::pair<std::vector<std::string>, const Head*>> out;
    for (const Head& h : kHeads) {
      std::vector<std::string> terms;
      for (const Word& w : impl_->Words(h.words)) terms.push_back(w.term);
      out.push_back({std::move(terms), &h});
    }
    return out;
  }();
  const std::vector<Word> w = impl_->Words(text);
  std::vector<OrganisationMention> out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto is_place = [this](const std::vector<Word>& proper) {
      const std::vector<enrich_detail::NameMatch> names =
          impl_->ScanNames(proper, enrich_detail::NameText::kPartnerName);
      return names.size() == 1 && names[0].first == 0 && names[0].last + 1 == proper.size() &&
             names[0].place >= 0;
    };
    if (const std::size_t last = PluralOrganisations(text, w, i, is_place, out); last != 0) {
      i = last;
      continue;
    }
    const bool lower_head = !w[i].upper;
    if (lower_head && w[i].term != "association" && w[i].term != "fondation") continue;
    const Head* head = nullptr;
    std::size_t n = 0;
    for (const auto& [terms, h] : heads) {
      if (i + terms.size() > w.size() || terms.size() <= n) continue;
      bool same = true;
      for (std::size_t k = 0; k < terms.size() && same; ++k) same = w[i + k].term == terms[k];
      if (same) {
        head = h;
        n = terms.size();
      }
    }
    if (!head) continue;
    std::size_t last = 0;         // last capitalised word of the name; 0: none yet
    std::size_t first_upper = 0;  // first capitalised word after the head; 0: none yet
    int lower = 0;
    const auto opens_name = [&](std::size_t j) {  // another head: another organisation
      return std::any_of(heads.begin(), heads.end(),
                         [&](const auto& h) { return w[j].upper && w[j].term == h.first.front(); });
    };
    for (std::size_t j = i + n; j < w.size() && j - i < kMaxWords; ++j) {
      const std::string_view g = text.substr(w[j - 1].end, w[j].begin - w[j - 1].end);
      // Hard-wrapped running text: "avec l'association\nBatik International".
      const bool wrapped_after_head = lower_head && j == i + n &&
                                      g.find_first_not_of(" \n") == std::string_view::npos &&
                                      std::count(g.begin(), g.end(), '\n') == 1;
      if (!JoinsName(g) && !wrapped_after_head) break;
      // A number ends the name: an address ("46 Av."), an amount, a list item.
      if (opens_name(j) || (w[j].term[0] >= '0' && w[j].term[0] <= '9')) break;
      if (w[j].upper) {
        if (first_upper == 0) first_upper = j;
        last = j;
        lower = 0;
        continue;
      }
      // After a lower-case head, the proper name is one run of capitalised words: a lower-case
      // word after it starts a description ("... Imouane relevant de la commune").
      if (lower_head && first_upper != 0) break;
      if (++lower > (lower_head ? kMaxLowerBeforeName : kMaxLowerRun) ||
          std::find(kStops.begin(), kStops.end(), w[j].term) != kStops.end())
        break;
    }
    if (last == 0) continue;  // "l'Association a organisé": a head word, no name
    if (lower_head) {
      // "l'association des diabétiques de Figuig", "l'association de jumelage Sète": a place
      // after the common noun tells where the association is, not what it is called.
      std::vector<Word> proper(w.begin() + static_cast<std::ptrdiff_t>(first_upper),
                               w.begin() + static_cast<std::ptrdiff_t>(last) + 1);
      const std::vector<enrich_detail::NameMatch> names =
          impl_->ScanNames(proper, enrich_detail::NameText::kPartnerName);
      if (names.size() == 1 && names[0].first == 0 && names[0].last + 1 == proper.size() &&
          names[0].place >= 0)
        continue;
    }
    OrganisationMention m;
    m.begin = w[i].begin;
    m.end = w[last].end;
    m.name = enrich_detail::CollapseSpaces(text.substr(m.begin, m.end - m.begin));
    m.type = std::string(head->type);
    m.role = std::string(head->role);
    if (head->words == "Fédération" && FederationOfGovernments(m.name)) {
      m.type = "réseau";
      m.role = "network";
    }
    if (lower_head) {
      m.proper_name = enrich_detail::CollapseSpaces(
          text.substr(w[first_upper].begin, w[last].end - w[first_upper].begin));
    }
    out.push_back(std::move(m));
    i = last;
  }
  return out;
}

}  // namespace coop
