// Collectivity patterns of running text (issue 15): Enricher::Collectivities (coop/enrich.h).
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <tuple>

#include "coop/enrich.h"
#include "coop/enrich_generic.h"
#include "coop/fold.h"
#include "enrich_internal.h"

namespace coop {

using enrich_detail::CollapseSpaces;
using enrich_detail::IsMunicipal;
using enrich_detail::NameMatch;
using enrich_detail::NameText;
using enrich_detail::PlaceRank;
using enrich_detail::Word;

namespace {

// Which places a cue announces.
enum class Family { kTown, kDepartement, kRegion, kProvince };

// A collectivity cue, as written (compared on the analyzer's folded terms, connectives aside).
// `country` is the one the cue itself gives ("" when it does not); `person` cues name an office
// holder ("le maire de X"), so the mention's name is the bare place. Sources: the names of local
// governments in French (Code général des collectivités territoriales; Moroccan Charte
// communale, loi 78-00, "conseil communal"), Spanish (Ley 7/1985 de Bases del Régimen Local,
// "Ayuntamiento") and German ("Stadt", "Landeshauptstadt" for a Land capital).
struct CueSpec {
  std::string_view phrase;
  std::string_view type;
  Family family;
  std::string_view country;
  bool person;
  // An organisation of the town ("Maison des Jeunes de Forest"): the mention is the bare town and
  // CollectivityMention::organisation the whole name.
  bool organisation = false;
};
constexpr CueSpec kCueSpecs[] = {
    {"commune rurale", "commune rurale", Family::kTown, "Maroc", false},
    {"communes rurales", "commune rurale", Family::kTown, "Maroc", false},
    {"commune urbaine", "commune urbaine", Family::kTown, "Maroc", false},
    {"communes urbaines", "commune urbaine", Family::kTown, "Maroc", false},
    {"commune", "commune", Family::kTown, "", false},
    {"communes", "commune", Family::kTown, "", false},
    {"ville", "ville", Family::kTown, "", false},
    {"villes", "ville", Family::kTown, "", false},
    {"municipalité", "ville", Family::kTown, "", false},
    {"mairie", "ville", Family::kTown, "", false},
    {"maire", "ville", Family::kTown, "", true},
    {"conseil communal", "commune", Family::kTown, "Maroc", true},
    {"communauté d'agglomération", "communauté d'agglomération", Family::kTown, "France", false},
    {"communauté d'agglomération pays", "communauté d'agglomération", Family::kTown, "France",
     false},
    {"agglomération", "communauté d'agglomération", Family::kTown, "", false},
    {"ayuntamiento", "ville", Family::kTown, "Espagne", false},
    {"landeshauptstadt", "ville", Family::kTown, "Allemagne", false},
    {"stadt", "ville", Family::kTown, "Allemagne", false},
    {"conseil départemental", "conseil départemental", Family::kDepartement, "France", false},
    {"conseil général", "conseil général", Family::kDepartement, "France", false},
    {"département", "conseil départemental", Family::kDepartement, "France", false},
    {"conseil régional", "conseil régional", Family::kRegion, "", false},
    {"conseil provincial", "province", Family::kProvince, "Maroc", false},
    // Municipal bodies named after their town (Belgian and French youth and culture centres,
    // Belgian CPAS: loi organique des CPAS du 8 juillet 1976).
    {"maison des jeunes", "commune", Family::kTown, "", true, true},
    {"maison de la culture", "commune", Family::kTown, "", true, true},
    {"centre culturel", "commune", Family::kTown, "", true, true},
    {"cpas", "commune", Family::kTown, "", true, true},
};

// Countries a "(Pays)" after a name may give, as written.
constexpr std::array<std::string_view, 5> kCountries = {"Maroc", "France", "Belgique", "Espagne",
                                                        "Allemagne"};

// Bytes after an unknown name within which a province or region is its hint.
constexpr std::size_t kHintWindow = 160;
// Bytes between a place and the province or region that locates it ("X, province de P").
constexpr std::size_t kQualifierGap = 40;
bool FamilyHas(Family f, const std::string& type) {
  switch (f) {
    case Family::kTown:
      return IsMunicipal(type);
    case Family::kDepartement:
      return type == "département";
    case Family::kRegion:
      return type == "région" || type == "communauté autonome";
    case Family::kProvince:
      return type == "province" || type == "préfecture";
  }
  return false;
}

// True if the bytes between two words hold only spaces, hyphens, apostrophes and letters (the
// connectives the analyzer leaves out): they belong to one name or cue.
bool Joined(std::string_view gap) {
  int newlines = 0;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(gap[i]);
    if (c == '\n' && ++newlines > 1) return false;
    if (c == ' ' || c == '\n' || c == '\r' || c == '-' || c == '\'' || std::isalpha(c)) continue;
    if (c == 0xE2 && i + 2 < gap.size()) {  // ’ (E2 80 99) joins; dashes and quotes do not
      if (static_cast<unsigned char>(gap[i + 1]) == 0x80 &&
          static_cast<unsigned char>(gap[i + 2]) == 0x99) {
        i += 2;
        continue;
      }
    }
    return false;
  }
  return true;
}

std::string FoldKey(std::string_view s) { return Fold(s, kKeyFold); }

}  // namespace

// Lazily built lookup of every matchable place (match yes or pattern) by folded words.
const std::unordered_map<std::string, std::vector<int>>& Enricher::Impl::PatternPlaces() const {
  std::call_once(pattern_once, [this] {
    const auto& places = data.places();
    for (std::size_t i = 0; i < places.size(); ++i) {
      if (places[i].match_rule == PlaceMatch::kNo) continue;
      std::vector<std::string> forms = places[i].variants;
      forms.push_back(places[i].name);
      for (const std::string& f : forms) {
        std::vector<int>& ids = pattern_places[Key(f)];
        if (std::find(ids.begin(), ids.end(), static_cast<int>(i)) == ids.end())
          ids.push_back(static_cast<int>(i));
      }
    }
    for (const CueSpec& c : kCueSpecs) cue_keys.push_back(Key(c.phrase));
  });
  return pattern_places;
}

std::vector<CollectivityMention> Enricher::Collectivities(std::string_view text) const {
  const auto& lookup = impl_->PatternPlaces();
  const auto& places = impl_->data.places();
  const std::vector<Word> w = impl_->Words(text);
  std::vector<CollectivityMention> out;
  const auto joined = [&](std::size_t a, std::size_t b) {  // words a and b = a + 1
    return Joined(text.substr(w[a].end, w[b].begin - w[a].end));
  };
  // The "(Pays)" or "(province de P, Pays)" right after byte `end`: the country, or "".
  const auto paren_country = [&](std::size_t end) -> std::string {
    std::size_t i = end;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || text[i] != '(') return "";
    const std::size_t close = text.find(')', i);
    if (close == std::string_view::npos || close - i > 80) return "";
    const std::string_view inside = text.substr(i, close - i);
    // The country as a word of its own: "(Andalousie-Maroc)" joins two territories in a name.
    const auto letter_or_dash = [](char ch) {
      return ch == '-' || std::isalpha(static_cast<unsigned char>(ch)) ||
             static_cast<unsigned char>(ch) >= 0x80;
    };
    for (std::string_view c : kCountries) {
      for (std::size_t at = inside.find(c); at != std::string_view::npos;
           at = inside.find(c, at + 1)) {
        const std::size_t after = at + c.size();
        if ((at == 0 || !letter_or_dash(inside[at - 1])) &&
            (after >= inside.size() || !letter_or_dash(inside[after])))
          return std::string(c);
      }
    }
    return "";
  };
  // The province, département or region named within the hint window after `end`, same
  // sentence.
  const auto hint_of = [&](std::size_t end, CollectivityMention& m) {
    std::string_view window = text.substr(end, std::min(kHintWindow, text.size() - end));
    if (const std::size_t stop = window.find(". "); stop != std::string_view::npos)
      window = window.substr(0, stop);
    if (const std::size_t stop = window.find("\n\n"); stop != std::string_view::npos)
      window = window.substr(0, stop);
    bool found = false;
    bool chaining = true;
    std::size_t chain_end = 0;
    const std::vector<Word> ww = impl_->Words(window);
    for (const NameMatch& nm : impl_->ScanNames(ww, NameText::kRunningText)) {
      const Place* p = impl_->PlaceOf(nm);
      if (!p) continue;
      // "province de Taroudant": the name of the province, whatever the actor list says of it.
      if (nm.place >= 0) p = &places[static_cast<std::size_t>(nm.place)];
      const std::string_view before =
          window.substr(nm.first > 0 ? ww[nm.first - 1].begin : 0,
                        ww[nm.first].begin - (nm.first > 0 ? ww[nm.first - 1].begin : 0));
      const bool province_word = FoldKey(before).find("province") != std::string::npos ||
                                 FoldKey(before).find("prefecture") != std::string::npos;
      if (IsMunicipal(p->type) && province_word) {
        const Family prov = Family::kProvince;
        // the province of the same name as the town
        const std::string key = impl_->Key(p->name);
        if (auto it = lookup.find(key); it != lookup.end()) {
          for (int id : it->second) {
            if (FamilyHas(prov, places[static_cast<std::size_t>(id)].type))
              p = &places[static_cast<std::size_t>(id)];
          }
        }
      }
      if (IsMunicipal(p->type) || p->type == "cercle") continue;
      // Qualifiers follow one another closely: "X, province d'Al Haouz (région de Marrakech-Safi)".
      const std::string_view gap = window.substr(chain_end, ww[nm.first].begin - chain_end);
      // The gap and the name: "X, province d'Al Haouz", "X (province de Ouarzazate", not "X à Y".
      const std::string folded_gap = FoldKey(window.substr(chain_end, ww[nm.last].end - chain_end));
      const bool division_word = folded_gap.find("province") != std::string::npos ||
                                 folded_gap.find("prefecture") != std::string::npos ||
                                 folded_gap.find("region") != std::string::npos ||
                                 folded_gap.find("departement") != std::string::npos;
      if (chaining && gap.size() <= kQualifierGap && division_word &&
          folded_gap.find("avec") == std::string::npos) {
        m.qualifiers.push_back(p->name);
        chain_end = ww[nm.last].end;
      } else {
        chaining = false;
      }
      if (found) continue;
      m.hint = p->name;
      m.hint_id = p->id;
      if (m.country.empty()) m.country = p->country;
      found = true;
    }
    return found;
  };
  // Only the qualifiers of hint_of (a mention whose own place is already known).
  const auto qualifiers_after = [&](std::size_t end) {
    CollectivityMention located;
    hint_of(end, located);
    return std::move(located.qualifiers);
  };
  // Resolves the words from `first` on as a place of `family` (any family when null); returns
  // the number of words taken, 0 when none.
  const auto resolve = [&](std::size_t first, const Family* family, const std::string& country,
                           CollectivityMention& m) -> std::size_t {
    std::string key;
    std::size_t best_len = 0;
    int best = -1;
    for (std::size_t len = 1; len <= 6 && first + len <= w.size(); ++len) {
      if (len > 1 && !joined(first + len - 2, first + len - 1)) break;
      if (len > 1) key.push_back(' ');
      key += w[first + len - 1].term;
      auto it = lookup.find(key);
      if (it == lookup.end()) continue;
      int pick = -1;
      for (int id : it->second) {
        const Place& p = places[static_cast<std::size_t>(id)];
        if (family && !FamilyHas(*family, p.type)) continue;
        if (pick < 0) {
          pick = id;
          continue;
        }
        const Place& q = places[static_cast<std::size_t>(pick)];
        const auto score = [&](const Place& x) {
          return std::tuple((!country.empty() && x.country != country) ? 1 : 0,
                            x.match_rule == PlaceMatch::kYes ? 0 : 1, PlaceRank(x.type));
        };
        if (score(p) < score(q)) pick = id;
      }
      if (pick < 0) continue;
      best = pick;
      best_len = len;
    }
    if (best < 0) return 0;
    const Place& p = places[static_cast<std::size_t>(best)];
    m.place = p.name;
    m.place_id = p.id;
    m.place_type = p.type;
    m.country = p.country;
    return best_len;
  };
  // The run of capitalised words from `first` on (an unknown name): its length, 0 if none.
  const auto unknown_run = [&](std::size_t first) -> std::size_t {
    std::size_t len = 0;
    while (first + len < w.size() && len < 4 && w[first + len].upper &&
           (len == 0 || joined(first + len - 1, first + len)))
      ++len;
    return len;
  };

  for (std::size_t i = 0; i < w.size();) {
    // The longest cue at word i.
    std::size_t cue_len = 0;
    const CueSpec* cue = nullptr;
    for (std::size_t c = 0; c < impl_->cue_keys.size(); ++c) {
      const std::string& k = impl_->cue_keys[c];
      const std::size_t n = static_cast<std::size_t>(std::count(k.begin(), k.end(), ' ')) + 1;
      if (n <= cue_len || i + n >= w.size()) continue;
      std::string got;
      bool ok = true;
      for (std::size_t j = 0; j < n && ok; ++j) {
        if (j > 0) {
          got.push_back(' ');
          ok = joined(i + j - 1, i + j);
        }
        got += w[i + j].term;
      }
      if (ok && got == k) {
        cue_len = n;
        cue = &kCueSpecs[c];
      }
    }
    if (cue) {
      const std::size_t first = i + cue_len;
      if (w[first].upper && joined(first - 1, first)) {
        CollectivityMention m;
        std::string country(cue->country);
        if (const std::size_t n = resolve(first, &cue->family, country, m); n > 0) {
          m.begin = cue->person ? w[first].begin : w[i].begin;
          m.end = w[first + n - 1].end;
          m.name = CollapseSpaces(text.substr(m.begin, m.end - m.begin));
          m.person = cue->person;
          if (cue->organisation)
            m.organisation = CollapseSpaces(text.substr(w[i].begin, m.end - w[i].begin));
          m.qualifiers = qualifiers_after(m.end);
          const CollectivityMention head = m;
          out.push_back(std::move(m));
          i = first + n;
          // A plural cue lists several ("les villes de Stains, de Noisy-le-Sec et de
          // Tremblay-en-France"): each later item of the gazetteer, joined by ", de" or "et de",
          // is a collectivity of the same family, named bare.
          const std::string_view cue_word =
              text.substr(w[first - 1].begin, w[first - 1].end - w[first - 1].begin);
          const bool plural = !cue->person && !cue->organisation && cue_len == 1 &&
                              cue_word.size() > 1 &&
                              (cue_word.back() == 's' || cue_word.back() == 'x');
          while (plural && i < w.size() && w[i].upper) {
            const std::string_view gap = text.substr(w[i - 1].end, w[i].begin - w[i - 1].end);
            const std::string folded = FoldKey(gap);
            const bool comma = gap.find(',') != std::string_view::npos;
            const bool list_gap = (comma && (folded == "de" || folded == "d")) ||
                                  folded == "et de" || folded == "et d";
            if (!list_gap || gap.find('\n') != std::string_view::npos) break;
            CollectivityMention item;
            const std::size_t k = resolve(i, &cue->family, country, item);
            if (k == 0 || item.country != head.country) break;
            item.begin = w[i].begin;
            item.end = w[i + k - 1].end;
            item.name = CollapseSpaces(text.substr(item.begin, item.end - item.begin));
            item.qualifiers = qualifiers_after(item.end);
            out.push_back(std::move(item));
            i += k;
          }
          continue;
        }
        // Not in the gazetteer (or not of the cue's family): an unverified place, when nothing
        // else the gazetteer knows goes by that name and a hint or the cue gives its country.
        if (const std::size_t n = unknown_run(first); n > 0) {
          CollectivityMention probe;
          const std::size_t known = resolve(first, nullptr, "", probe);
          // "commune de Chefchaouen": a town the gazetteer knows only as its province, whose
          // seat bears its name; unverified, in that province.
          const bool seat = known == n && cue->family == Family::kTown &&
                            (probe.place_type == "province" || probe.place_type == "préfecture");
          if (known == 0 || seat) {
            m.verified = false;
            if (seat) {
              m.hint = probe.place;
              m.hint_id = probe.place_id;
              m.country = probe.country;
            }
            m.place_type = std::string(cue->type);
            if (m.country.empty())
              m.country = country.empty() ? paren_country(w[first + n - 1].end) : country;
            m.begin = cue->person ? w[first].begin : w[i].begin;
            m.end = w[first + n - 1].end;
            m.place = CollapseSpaces(text.substr(w[first].begin, m.end - w[first].begin));
            m.name = CollapseSpaces(text.substr(m.begin, m.end - m.begin));
            m.person = cue->person;
            const bool hinted = seat || hint_of(m.end, m);
            if (hinted || !cue->country.empty()) {
              out.push_back(std::move(m));
              i = first + n;
              continue;
            }
          }
        }
      }
      i += cue_len;
      continue;
    }
    // "X (Maroc)", "X (province de P, Maroc)": a capitalised name and its country.
    if (w[i].upper) {
      CollectivityMention m;
      std::size_t n = unknown_run(i);
      const std::string country = n ? paren_country(w[i + n - 1].end) : "";
      if (!country.empty()) {
        const Family town = Family::kTown;
        if (const std::size_t k = resolve(i, &town, country, m); k == n && m.country == country) {
          m.begin = w[i].begin;
          m.end = w[i + n - 1].end;
          m.name = CollapseSpaces(text.substr(m.begin, m.end - m.begin));
          m.qualifiers = qualifiers_after(m.end);
          out.push_back(std::move(m));
          i += n;
          continue;
        }
        CollectivityMention probe;
        if (resolve(i, nullptr, "", probe) == 0) {
          m = CollectivityMention{};
          m.verified = false;
          m.place_type = "commune";
          m.country = country;
          m.begin = w[i].begin;
          m.end = w[i + n - 1].end;
          m.name = m.place = CollapseSpaces(text.substr(m.begin, m.end - m.begin));
          hint_of(m.end, m);
          m.country = country;
          out.push_back(std::move(m));
          i += n;
          continue;
        }
      }
    }
    ++i;
  }
  return out;
}

}  // namespace coop
