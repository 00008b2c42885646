// The partnership a text is about and the collectivities a "text" record takes (issue 15):
// Enricher::PartnersOfText and Enricher::AddCollectivities (coop/enrich.h).
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>

#include "coop/enrich.h"
#include "coop/enrich_generic.h"
#include "coop/fold.h"
#include "enrich_internal.h"

namespace coop {

using enrich_detail::CollapseSpaces;
using enrich_detail::IsMunicipal;
using enrich_detail::NameMatch;
using enrich_detail::NameText;
using enrich_detail::Word;

namespace {

std::string FoldKey(std::string_view s) { return Fold(s, kKeyFold); }

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The opening of a text, where a page about one partnership says so.
constexpr std::size_t kOpening = 2000;
// Words that make a sentence of the opening speak of a partnership (folded prefixes).
constexpr std::array<std::string_view, 9> kPartnershipWords = {
    "jumel",       "partenari",  "partenaire", "convention", "accord",
    "cooperation", "memorandum", "amitie",     "liee"};

}  // namespace

namespace {

// A collectivity of a text, from a name (Mentions) or a pattern (Collectivities).
struct Coll {
  std::string name;  // as written
  std::string country;
  std::string place;  // canonical place name (or as written when unverified)
  std::string type;   // actor or place type
  std::string actor_id;
  bool town = false;  // a municipality (or an agglomeration named after its seat)
  std::size_t begin = 0, end = 0;
};

bool IsTerritorialActor(const std::string& type) {
  return IsMunicipal(type) || type.starts_with("conseil") || type.starts_with("communaut") ||
         type == "province" || type == "préfecture";
}

// Words of a line that make it minutes of a meeting, not a text about one partnership.
constexpr std::array<std::string_view, 4> kMinutesHeads = {"releve de decisions", "compte rendu",
                                                           "proces verbal", "ordre du jour"};

// Sentence ends of the opening: ". ", ".\n", "! ", "? " (a list after ":" stays in its sentence).
std::vector<std::pair<std::size_t, std::size_t>> Sentences(std::string_view t) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && (t[i + 1] == ' ' || t[i + 1] == '\n')) {
      out.push_back({start, i + 1});
      start = i + 1;
    }
  }
  if (start < t.size()) out.push_back({start, t.size()});
  return out;
}

// Whether every time `text` names the region of mention `m` it names a territory, not its
// institution: after a lower-case "région(s)" with only connectives and other names between
// ("dans les régions de Tanger-Tétouan-Al Hoceïma et de l'Oriental", "la région du
// Souss-Massa"), or joined by a hyphen to another territory ("ANMAR (Andalousie-Maroc)"). The
// institution is written "la Région X", "le Conseil régional de X". Places stay facets.
bool NamedAsTerritory(const ReferenceData& data, std::string_view text, const Partner& m) {
  if (!m.actor_id.empty() || !m.actor_type.empty() || m.name.empty()) return false;
  const bool region = std::any_of(data.places().begin(), data.places().end(), [&](const Place& p) {
    return p.name == m.actor_name && (p.type == "région" || p.type == "communauté autonome");
  });
  if (!region) return false;
  static const std::string kLower = "r\xC3\xA9gion";  // "région", lower case
  int times = 0;
  for (std::size_t at = text.find(m.name); at != std::string_view::npos;
       at = text.find(m.name, at + 1)) {
    ++times;
    const std::size_t after = at + m.name.size();
    if ((at > 0 && text[at - 1] == '-') || (after < text.size() && text[after] == '-')) continue;
    const std::size_t from = at > 120 ? at - 120 : 0;
    const std::string_view before = text.substr(from, at - from);
    const std::size_t cue = before.rfind(kLower);
    if (cue == std::string_view::npos) return false;
    // Between the cue and the name: connectives, list commas and capitalised names only.
    std::string_view gap = before.substr(cue + kLower.size());
    if (!gap.empty() && gap.front() == 's') gap.remove_prefix(1);
    std::size_t i = 0;
    while (i < gap.size()) {
      while (i < gap.size() &&
             (gap[i] == ' ' || gap[i] == ',' || gap[i] == '\'' || gap[i] == '\n' || gap[i] == '-'))
        ++i;
      std::size_t j = i;
      while (j < gap.size() && gap[j] != ' ' && gap[j] != ',' && gap[j] != '\'' && gap[j] != '\n')
        ++j;
      const std::string_view word = gap.substr(i, j - i);
      const bool connective = word == "de" || word == "du" || word == "des" || word == "d" ||
                              word == "et" || word == "l" || word == "la" || word == "le";
      const bool name = !word.empty() && (std::isupper(static_cast<unsigned char>(word[0])) ||
                                          static_cast<unsigned char>(word[0]) >= 0x80);
      if (!word.empty() && !connective && !name) return false;
      i = j;
    }
  }
  return times > 0;
}

}  // namespace

std::vector<Partner> Enricher::PartnersOfText(const Record& r) const {
  std::string body;
  for (const Passage& p : r.passages) {
    body += p.text;
    body += '\n';
  }
  {
    const std::string head = FoldKey(r.title + " " + body.substr(0, 300));
    for (std::string_view m : kMinutesHeads) {
      if (head.find(m) != std::string::npos) return {};
    }
  }
  const ReferenceData& data = impl_->data;
  // The collectivities of `text`: names first, patterns over them where they overlap.
  const auto colls = [&](std::string_view text) {
    std::vector<Coll> out;
    for (const CollectivityMention& m : Collectivities(text)) {
      Coll c{m.name, m.country, m.place, m.place_type, "", false, m.begin, m.end};
      c.town = IsMunicipal(m.place_type) || m.place_type.starts_with("communaut");
      out.push_back(std::move(c));
    }
    const std::vector<Word> w = impl_->Words(text);
    for (const NameMatch& nm : impl_->ScanNames(w, NameText::kRunningText)) {
      const std::size_t b = w[nm.first].begin, e = w[nm.last].end;
      const auto over = std::find_if(out.begin(), out.end(),
                                     [&](const Coll& c) { return b < c.end && c.begin < e; });
      if (over != out.end()) {
        // The pattern's collectivity is a listed actor ("le Département de la Seine-Saint-Denis"
        // by cue and by name): it takes the actor, so that a side without a town has one.
        if (nm.actor >= 0 && over->actor_id.empty() && b <= over->begin && over->end <= e) {
          const Actor& a = data.actors()[static_cast<std::size_t>(nm.actor)];
          if (IsTerritorialActor(a.type)) {
            over->actor_id = a.id;
            over->type = a.type;
          }
        }
        continue;
      }
      Coll c;
      c.name = CollapseSpaces(text.substr(b, e - b));
      // An actor prefix read across punctuation ("trois communes : Auderghem"): the name is
      // what follows it.
      if (const std::size_t cut = c.name.find_last_of(":;"); cut != std::string::npos)
        c.name = std::string(TrimSpaces(c.name.substr(cut + 1)));
      c.begin = b;
      c.end = e;
      const Place* p = impl_->PlaceOf(nm);
      if (nm.actor >= 0) {
        const Actor& a = data.actors()[static_cast<std::size_t>(nm.actor)];
        if (!IsTerritorialActor(a.type)) continue;
        c.actor_id = a.id;
        c.country = a.country;
        c.type = a.type;
        c.town = IsMunicipal(a.type) || (p && IsMunicipal(p->type));
      } else if (p) {
        c.country = p->country;
        c.type = p->type;
        c.town = IsMunicipal(p->type);
      }
      if (p) c.place = p->name;
      if (c.place.empty() && c.actor_id.empty()) continue;
      out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(),
              [](const Coll& a, const Coll& b) { return a.begin < b.begin; });
    return out;
  };
  const std::vector<Coll> all = colls(body);
  // Names the text gives with a cue somewhere count bare in the title and the opening
  // ("le maire de Bédarieux" makes the headline's "Bédarieux" a collectivity).
  std::vector<std::pair<std::string, const Coll*>> lexicon;
  for (const Coll& c : all) {
    if (!c.place.empty()) lexicon.push_back({impl_->Key(c.place), &c});
  }
  std::stable_partition(lexicon.begin(), lexicon.end(),
                        [](const auto& e) { return e.second->town; });
  const auto with_lexicon = [&](std::string_view text, std::vector<Coll> found) {
    const std::vector<Word> w = impl_->Words(text);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (!w[i].upper) continue;
      for (const auto& [key, c] : lexicon) {
        const std::size_t n = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
        if (i + n > w.size()) continue;
        std::string got;
        for (std::size_t j = 0; j < n; ++j) got += (j ? " " : "") + w[i + j].term;
        if (got != key) continue;
        const std::size_t b = w[i].begin, e = w[i + n - 1].end;
        // A town the text names with a cue elsewhere wins over the province of its name.
        const auto overlap = std::find_if(found.begin(), found.end(),
                                          [&](const Coll& f) { return b < f.end && f.begin < e; });
        if (overlap != found.end()) {
          if (overlap->town || !c->town) break;
          found.erase(overlap);
        }
        Coll copy = *c;
        copy.name = CollapseSpaces(text.substr(b, e - b));
        copy.begin = b;
        copy.end = e;
        found.push_back(std::move(copy));
        break;
      }
    }
    std::sort(found.begin(), found.end(),
              [](const Coll& a, const Coll& b) { return a.begin < b.begin; });
    return found;
  };
  // The partners among `cs`: towns of at least two countries (a side without a town: its
  // territorial actors), one entry per place; empty if one country or a side of 4 or more.
  const auto partners_of = [&](const std::vector<Coll>& cs) {
    std::vector<std::string> countries;
    for (const Coll& c : cs) {
      if (!c.country.empty() &&
          std::find(countries.begin(), countries.end(), c.country) == countries.end())
        countries.push_back(c.country);
    }
    std::vector<Partner> out;
    if (countries.size() < 2) return out;
    for (const std::string& country : countries) {
      const bool has_town = std::any_of(
          cs.begin(), cs.end(), [&](const Coll& c) { return c.country == country && c.town; });
      std::vector<std::string> seen;
      for (const Coll& c : cs) {
        if (c.country != country || (has_town ? !c.town : c.actor_id.empty())) continue;
        const std::string key = c.actor_id.empty() ? c.place : c.actor_id;
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        out.push_back({c.name, c.country, c.actor_id, c.place, c.type, ""});
      }
      if (seen.size() > 3) return std::vector<Partner>{};
    }
    std::vector<std::string> sides;
    for (const Partner& p : out) {
      if (std::find(sides.begin(), sides.end(), p.country) == sides.end())
        sides.push_back(p.country);
    }
    if (sides.size() < 2) out.clear();
    return out;
  };
  // (1) The title.
  if (auto p = partners_of(with_lexicon(r.title, colls(r.title))); !p.empty()) return p;
  const std::string_view opening =
      std::string_view(body).substr(0, std::min(kOpening, body.size()));
  const std::vector<Coll> open = with_lexicon(opening, colls(opening));
  // (2) Two collectivities of two countries joined: "X et Y", "X – Y", "entre X et Y".
  for (std::size_t k = 0; k + 1 < open.size(); ++k) {
    const Coll& a = open[k];
    const Coll& b = open[k + 1];
    if (a.country.empty() || b.country.empty() || a.country == b.country) continue;
    const std::string gap = FoldKey(opening.substr(a.end, b.begin - a.end));
    const std::string_view raw = opening.substr(a.end, b.begin - a.end);
    const bool dash = raw == " – " || raw == " - " || raw == " — " || raw == "/" || raw == " / ";
    if (dash || gap == "et" || gap == "et de" || gap == "et d" || gap == "et la" ||
        gap == "et le") {
      if (auto p = partners_of({a, b}); !p.empty()) return p;
    }
  }
  // (3) A sentence of the opening that speaks of a partnership, in a text that lists no other
  // foreign towns.
  std::vector<std::string> foreign_towns;
  for (const Coll& c : all) {
    if (c.town && c.country != "Maroc" && !c.country.empty() &&
        std::find(foreign_towns.begin(), foreign_towns.end(), c.place) == foreign_towns.end())
      foreign_towns.push_back(c.place);
  }
  if (foreign_towns.size() >= 2) return {};
  for (const auto& [b, e] : Sentences(opening)) {
    const std::string folded = FoldKey(opening.substr(b, e - b));
    const bool cue =
        std::any_of(kPartnershipWords.begin(), kPartnershipWords.end(), [&](std::string_view wd) {
          for (std::size_t at = folded.find(wd); at != std::string::npos;
               at = folded.find(wd, at + 1)) {
            if (at == 0 || folded[at - 1] == ' ') return true;
          }
          return false;
        });
    if (!cue) continue;
    std::vector<Coll> in;
    for (const Coll& c : open) {
      if (c.begin >= b && c.end <= e) in.push_back(c);
    }
    if (auto p = partners_of(in); !p.empty()) return p;
  }
  return {};
}

std::vector<Partner> Enricher::MinutesPartners(const Record& r) const {
  std::string body;
  for (const Passage& p : r.passages) {
    body += p.text;
    body += '\n';
  }
  const std::string head = FoldKey(r.title + "\n" + body.substr(0, 300));
  if (head.find("releve de decisions") == std::string::npos &&
      head.find("compte rendu") == std::string::npos)
    return {};
  if (FoldKey(r.title + "\n" + body.substr(0, 600)).find("groupe pays") == std::string::npos)
    return {};
  const ReferenceData& data = impl_->data;
  std::vector<Partner> out;
  const std::string_view top =
      std::string_view(body).substr(0, std::min<std::size_t>(1500, body.size()));
  std::string network_id;
  for (const Partner& m : Mentions(top)) {
    if (!m.actor_id.empty() && m.actor_type == "réseau") {
      out.push_back(m);
      network_id = m.actor_id;
      break;
    }
  }
  // The meeting place: the last part of a heading line, "Villa Valmer - Marseille".
  std::size_t line_start = 0;
  for (int lines = 0; lines < 10 && line_start < body.size();) {
    std::size_t line_end = body.find('\n', line_start);
    if (line_end == std::string::npos) line_end = body.size();
    const std::string_view line =
        TrimSpaces(std::string_view(body).substr(line_start, line_end - line_start));
    line_start = line_end + 1;
    if (line.empty()) continue;
    ++lines;
    std::size_t cut = std::string_view::npos;
    for (std::string_view dash : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
      const std::size_t at = line.rfind(dash);
      if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut))
        cut = at + dash.size();
    }
    if (cut == std::string_view::npos) continue;
    const std::vector<Partner> named = Mentions(line);
    if (std::any_of(named.begin(), named.end(), [&](const Partner& m) {
          return !network_id.empty() && m.actor_id == network_id;
        }))
      break;  // the network's own address: no host
    for (const Partner& m : Mentions(TrimSpaces(line.substr(cut)))) {
      const Actor* a = m.actor_id.empty() ? nullptr : data.FindActor(m.actor_id);
      if (a && IsMunicipal(a->type)) {
        out.push_back(m);
        break;
      }
    }
    if (out.size() == 2 || (out.size() == 1 && network_id.empty())) break;
  }
  return out;
}

void Enricher::AddCollectivities(Record& r) const {
  const ReferenceData& data = impl_->data;
  std::string text = r.title;
  for (const Passage& p : r.passages) text += "\n" + p.text;
  const bool document = r.kind == "document";
  // A manifest's or sidecar's document keeps its own facets.
  if (document && !r.partners.empty() && r.sources["partners"] != "pattern") return;
  const auto place_of_actor = [&](const Partner& x) -> std::string {
    if (!x.actor_id.empty()) {
      const Actor* a = data.FindActor(x.actor_id);
      if (a && !a->place.empty()) {
        if (const Place* p = data.FindPlace(a->place)) return p->name;
      }
    }
    return x.actor_name;
  };
  const std::vector<CollectivityMention> hits = Collectivities(text);
  std::vector<Place> places;  // of the hits this record takes, in text order
  for (const CollectivityMention& h : hits) {
    const auto same = [&](const Partner& x) { return place_of_actor(x) == h.place; };
    if (document) {
      if (!std::any_of(r.mentions.begin(), r.mentions.end(), same))
        r.mentions.push_back({h.name, h.country, "", h.place, h.place_type, "partner"});
      // A municipal body carries out the work of its town's partnership.
      if (!h.organisation.empty() &&
          std::none_of(r.mentions.begin(), r.mentions.end(),
                       [&](const Partner& x) { return x.name == h.organisation; }))
        r.mentions.push_back({h.organisation, h.country, "", "", "association", "operator"});
    } else if (!std::any_of(r.partners.begin(), r.partners.end(), same)) {
      // A page about one partnership names the other towns of its cooperation with their
      // collectivity word ("les villes de Stains, de Noisy-le-Sec et de Tremblay-en-France
      // participent aux actions"): parties, role partner, and places of the record. Only towns
      // the gazetteer knows, named as institutions (not "le maire de X", not a town's body).
      const bool single_page = r.style == "text" || r.style == "atlas";
      if (!single_page || h.place_id.empty() || !h.organisation.empty() ||
          !IsMunicipal(h.place_type) || h.person ||
          std::any_of(r.mentions.begin(), r.mentions.end(), same))
        continue;
      r.mentions.push_back({h.name, h.country, "", h.place, h.place_type, "partner"});
    }
    Place place;
    if (const Place* known = h.place_id.empty() ? nullptr : data.FindPlace(h.place_id)) {
      place = *known;
    } else {
      place.name = h.place;
      place.type = IsMunicipal(h.place_type) ? h.place_type : "commune";
      place.country = h.country;
      // A hint of another country locates nothing of this place.
      if (const Place* hint = h.hint_id.empty() ? nullptr : data.FindPlace(h.hint_id);
          hint && hint->country == place.country) {
        if (hint->type != "région" && hint->type != "communauté autonome")
          place.parent = hint->name;
        place.regions_old = hint->regions_old;
        place.regions_new = hint->regions_new;
      }
      if (std::find(r.unverified_places.begin(), r.unverified_places.end(), h.place) ==
          r.unverified_places.end())
        r.unverified_places.push_back(h.place);
    }
    places.push_back(std::move(place));
  }
  // A province or region named only to locate a collectivity ("commune rurale d'Ijoukak,
  // province d'Al Haouz") is not a party of its own: its mention goes when the text names it no
  // more often than it locates.
  if (document) {
    std::map<std::string, int> locating;
    for (const CollectivityMention& h : hits) {
      for (const std::string& q : h.qualifiers) ++locating[q];
    }
    std::erase_if(r.mentions, [&](const Partner& m) {
      const auto it = locating.find(place_of_actor(m));
      if (it == locating.end()) return false;
      int times = 0;
      for (std::size_t at = text.find(m.name); at != std::string::npos;
           at = text.find(m.name, at + 1))
        ++times;
      return times <= it->second;
    });
    // A region whose institution's name is "Région ..." (the Belgian "Région wallonne"), written
    // without that word ("Wallonie"), names the territory, not the institution; a town named
    // with it ("pour Bruxelles et la Wallonie") is named as a territory too. Places, not actors:
    // the region stays a facet, the town is no city of the record.
    const auto territory = [&](const Partner& m) {
      if (!m.actor_id.empty() || !m.actor_type.empty()) return false;
      return m.actor_name.starts_with("Région ") &&
             FoldKey(m.name).find("region") == std::string::npos;
    };
    std::vector<Partner> territories;
    for (const Partner& m : r.mentions) {
      if (territory(m)) territories.push_back(m);
    }
    std::erase_if(r.mentions, [&](const Partner& m) {
      if (!m.actor_id.empty() || !m.actor_type.empty() || territory(m)) return false;
      for (const Partner& t : territories) {
        for (const std::string joint : {" et la ", " et le ", " et l'", " et "}) {
          if (text.find(m.name + joint + t.name) != std::string::npos) return true;
        }
      }
      return false;
    });
    // A document's places named without a cue are collectivities of the partnerships it lists.
    for (Partner& m : r.mentions) {
      if (m.actor_id.empty() && m.role.empty()) m.role = "partner";
    }
    // A text without partners lists several partnerships: the places it mentions are its facets.
    AddPlacesOfMentions(data, r);
    std::erase_if(r.mentions, territory);
    std::erase_if(r.mentions, [&](const Partner& m) { return NamedAsTerritory(data, text, m); });
  }
  for (const Place& p : places) AddPlaceFacets(p, r);
  if (!places.empty()) {
    for (const char* field : {"cities", "countries"}) {
      std::string& s = r.sources[field];
      if (s.find("pattern") == std::string::npos) s += s.empty() ? "pattern" : ", pattern";
    }
  }
}

}  // namespace coop
