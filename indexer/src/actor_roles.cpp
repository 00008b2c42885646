#include "coop/actor_roles.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <stdexcept>

#include "coop/csv.h"
#include "coop/enrich.h"
#include "coop/enrich_generic.h"
#include "coop/fold.h"
#include "coop/reference_data.h"
#include "lists_after_avec.h"

namespace coop {
namespace embedded {
extern const std::string_view kActorRolesCsv;
}  // namespace embedded

namespace {

constexpr std::string_view kFile = "actor_roles.csv";
constexpr std::string_view kTypeKey = "type:";
std::string Folded(std::string_view s) { return Fold(s, kKeyFold); }

// Text with line breaks and runs of spaces made single spaces, as Enricher::Mentions writes names.
std::string Collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  return out;
}

// Whether `line` continues the sentence of the line before it, as in hard-wrapped text ("...
// à parité avec la Direction\ngénérale des collectivités locales", "financés par le niveau
// fédéral\n(DGD) et les autres par la Région flamande"): it starts with a lower-case letter
// (ASCII, or a Latin-1 accented one: UTF-8 lead byte 0xC3, second byte 0xA0..0xBF) or "(".
bool ContinuesSentence(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size()) return false;
  const auto c = static_cast<unsigned char>(line[i]);
  if ((c >= 'a' && c <= 'z') || c == '(') return true;
  return c == 0xC3 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) >= 0xA0 &&
         static_cast<unsigned char>(line[i + 1]) <= 0xBF;
}

// The lines of the record's passages (its title is its partners' names or a heading), a
// hard-wrapped sentence joined into one line.
std::vector<std::string> Lines(const Record& r) {
  std::vector<std::string> out;
  for (const Passage& p : r.passages) {
    std::size_t start = 0;
    bool first = true;
    while (start <= p.text.size()) {
      std::size_t end = p.text.find('\n', start);
      if (end == std::string::npos) end = p.text.size();
      std::string line = Collapse(std::string_view(p.text).substr(start, end - start));
      if (!line.empty() && line != " ") {
        if (!first && !out.empty() && ContinuesSentence(line)) {
          if (out.back().back() != ' ' && line.front() != ' ') out.back().push_back(' ');
          out.back() += line;
        } else {
          out.push_back(std::move(line));
        }
        first = false;
      }
      start = end + 1;
    }
  }
  return out;
}

// The actors the lines name, in first-seen order, each with the role of the first line whose
// cue gives it one ("" if none does; a "pending" line gives none).
struct Named {
  std::vector<Partner> actors;
};

// Only the actors `wanted` accepts are returned. The record's text is first scanned as a whole:
// most records name no such actor, and then the line-by-line scan (one analyzer run per line) is
// skipped.
Named NamedActors(const Enricher& enricher, const Record& r,
                  const std::function<bool(const Partner&)>& wanted) {
  Named out;
  const std::vector<std::string> lines = Lines(r);
  std::string all;
  for (const std::string& line : lines) all.append(line).push_back('\n');
  const std::vector<Partner> whole = enricher.Mentions(all);
  if (std::none_of(whole.begin(), whole.end(), wanted)) return out;
  std::map<std::string, std::size_t> index;
  for (const std::string& line : lines) {
    std::size_t search_from = 0;
    for (Partner& m : enricher.Mentions(line)) {
      if (m.actor_id.empty() || !wanted(m)) continue;
      const std::size_t begin = line.find(m.name, search_from);
      std::string cue;
      if (begin != std::string::npos) {
        cue = RoleCueFor(line, begin, begin + m.name.size(),
                         m.actor_id.empty() && m.actor_type.empty()
                             ? "partner"
                             : ActorRoles::Embedded().DefaultRole(m.actor_id, m.actor_type));
        search_from = begin + m.name.size();
      }
      auto [it, fresh] = index.emplace(m.actor_id, out.actors.size());
      if (fresh) {
        m.role.clear();
        out.actors.push_back(std::move(m));
      }
      Partner& known = out.actors[it->second];
      if (cue != "pending" && !cue.empty() && known.role.empty()) {
        known.role = cue;
      }
    }
  }
  return out;
}

bool IsMunicipal(const std::string& type) {
  return type == "ville" || type == "commune" || type == "commune urbaine" ||
         type == "commune rurale";
}

bool SameActor(const Partner& a, const Partner& b) {
  return !a.actor_id.empty() && a.actor_id == b.actor_id;
}

bool IsTerritorial(const std::string& type) {
  return IsMunicipal(type) || type.starts_with("conseil") || type.starts_with("communaut") ||
         type == "province" || type == "préfecture" || type == "cercle";
}

// The organisations the record's text names by the head word of their name and the actor list
// does not know (Enricher::Organisations), as mentions: in the role a cue of their line gives,
// else the head's. A partnership takes a funder only on a cue (as for listed actors, below).
void AddOrganisations(const Enricher& enricher, Record& r, bool partnership) {
  std::string all;
  std::vector<std::size_t> starts;  // byte offset of each line in `all`
  for (const std::string& line : Lines(r)) {
    starts.push_back(all.size());
    all.append(line).push_back('\n');
  }
  const auto taken = [&](const std::string& name) {
    const std::string key = Folded(name);
    for (const auto* list : {&r.partners, &r.mentions}) {
      for (const Partner& p : *list) {
        if (Folded(p.name) == key || (!p.actor_name.empty() && Folded(p.actor_name) == key))
          return true;
      }
    }
    return false;
  };
  for (const OrganisationMention& o : enricher.Organisations(all)) {
    if (taken(o.name)) continue;
    // A name of the actor list inside is that actor ("Agence Française de Développement"),
    // which the rules above place; a town inside names the organisation's seat ("CHU de Lille").
    const std::vector<Partner> inside = enricher.Mentions(o.name);
    if (std::any_of(inside.begin(), inside.end(), [](const Partner& m) {
          return !m.actor_id.empty() && !IsTerritorial(m.actor_type);
        }))
      continue;
    // ... or the start of a longer listed name ("Association de la Ville et des Communes de la
    // Région de Bruxelles-Capitale", whose "et" ends the pattern's name).
    const std::string_view from = std::string_view(all).substr(o.begin);
    const std::vector<Partner> longer = enricher.Mentions(from.substr(0, 240));
    if (!longer.empty() && !longer.front().actor_id.empty() &&
        !IsTerritorial(longer.front().actor_type) &&
        Folded(from).starts_with(Folded(longer.front().name)))
      continue;
    const std::size_t n =
        static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), o.begin) -
                                 starts.begin()) -
        1;
    const std::size_t end = n + 1 < starts.size() ? starts[n + 1] - 1 : all.size();
    const std::string_view line = std::string_view(all).substr(starts[n], end - starts[n]);
    std::string role = RoleCueFor(line, o.begin - starts[n], o.end - starts[n], o.role);
    const bool cued = !role.empty() && role != "pending";
    if (!cued) role = o.role;
    if (partnership && !cued && role == "funder") continue;
    r.mentions.push_back(
        {o.name, "", "", o.proper_name.empty() ? o.name : o.proper_name, o.type, role});
  }
}

}  // namespace

bool IsActorRole(std::string_view role) {
  return std::find(std::begin(kActorRoles), std::end(kActorRoles), role) != std::end(kActorRoles);
}

ActorRoles::ActorRoles(std::string_view csv, const ReferenceData& data) {
  const CsvTable t = ParseCsv(csv, kFile);
  const CsvColumns c(t, kFile, {"key", "role", "source"});
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string key = c.Get(r, "key");
    const std::string role = c.Get(r, "role");
    if (key.empty() || c.Get(r, "source").empty()) {
      ThrowCsvError(kFile, t.lines[r], "key and source are required");
    }
    if (!IsActorRole(role)) {
      ThrowCsvError(kFile, t.lines[r],
                    "role must be partner, funder, operator or network, not '" + role + "'");
    }
    const bool by_type = key.compare(0, kTypeKey.size(), kTypeKey) == 0;
    if (!by_type && !data.FindActor(key)) {
      ThrowCsvError(kFile, t.lines[r], "unknown actor id " + key);
    }
    auto& table = by_type ? by_type_ : by_id_;
    if (!table.emplace(by_type ? key.substr(kTypeKey.size()) : key, role).second) {
      ThrowCsvError(kFile, t.lines[r], "key " + key + " given twice");
    }
  }
}

const ActorRoles& ActorRoles::Embedded() {
  static const ActorRoles roles(embedded::kActorRolesCsv, ReferenceData::Embedded());
  return roles;
}

const std::string& ActorRoles::DefaultRole(const std::string& actor_id,
                                           const std::string& actor_type) const {
  static const std::string kPartner = "partner";
  if (auto it = by_id_.find(actor_id); it != by_id_.end()) return it->second;
  if (auto it = by_type_.find(actor_type); it != by_type_.end()) return it->second;
  return kPartner;
}

void AssignActorRoles(const Enricher& enricher, Record& r) {
  const ActorRoles& roles = ActorRoles::Embedded();
  const auto default_role = [&](const Partner& p) -> std::string {
    return p.actor_id.empty() && p.actor_type.empty() ? "partner"
                                                      : roles.DefaultRole(p.actor_id, p.actor_type);
  };
  const bool partnership = r.kind == "partnership";
  // Partners of a partnership are its parties. A document record's partners are the actors the
  // document is about (its manifest or sidecar entry): each in its own role (004's AVCB runs
  // the programme, the DGD funds it; 001's PAD Maroc co-finances the partnerships it lists).
  for (Partner& p : r.partners) {
    if (p.role.empty()) p.role = partnership ? "partner" : default_role(p);
  }
  const auto is_partner = [&](const Partner& m) {
    return std::any_of(r.partners.begin(), r.partners.end(),
                       [&](const Partner& p) { return SameActor(p, m); });
  };
  const auto known = [&](const Partner& m) {
    return std::any_of(r.mentions.begin(), r.mentions.end(),
                       [&](const Partner& x) { return SameActor(x, m); });
  };

  // A town's bare name in a partnership's text is a place where something happens ("Stage ... à
  // Vienne"), or names another collectivity ("Conseil Général de la Vienne : 600 €"): not that
  // commune as an actor.
  const auto bare_town = [&](const Partner& m) {
    return IsMunicipal(m.actor_type) && Folded(m.name) == Folded(m.actor_name);
  };
  const bool single_page = r.style == "text" || r.style == "atlas";
  // On a page about one partnership, the towns listed after "avec" are parties of the projects
  // the page describes ("La ville y pilote cinq projets avec Tétouan, Tanger, Al Hoceïma et
  // Nador"), even by their bare names.
  const auto in_avec_list = [&](const Partner& m) {
    if (!single_page || m.name.empty()) return false;
    for (const std::string& line : Lines(r)) {
      for (const auto& [begin, end] : ListsAfterAvec(line)) {
        const std::size_t at = line.find(m.name, begin);
        if (at != std::string::npos && at + m.name.size() <= end) return true;
      }
    }
    return false;
  };
  const Named named = NamedActors(enricher, r, [&](const Partner& m) {
    if (m.actor_id.empty() || is_partner(m)) return false;
    return partnership ? !bare_town(m) || in_avec_list(m) : !bare_town(m);
  });
  const auto cue_of = [&](const Partner& m) -> std::string {
    const auto it = std::find_if(named.actors.begin(), named.actors.end(),
                                 [&](const Partner& x) { return SameActor(x, m); });
    return it == named.actors.end() ? "" : it->role;
  };

  // Mentions found before (a document's, or a partnership's from generic enrichment): a
  // collectivity is a party to one of the partnerships the text speaks of; another actor takes
  // the role a cue of the text gives it, else its default role.
  for (Partner& m : r.mentions) {
    if (m.actor_id.empty() || !m.role.empty()) continue;
    const auto partner = std::find_if(r.partners.begin(), r.partners.end(),
                                      [&](const Partner& p) { return SameActor(p, m); });
    if (partner != r.partners.end()) {
      m.role = partner->role;
      continue;
    }
    m.role = default_role(m);
    // A collectivity of a partnership stays a party; an institution in the partner role by
    // default (the DGCL) takes the role a cue gives it ("cofinancer ... à parité avec la
    // Direction générale des collectivités locales"), and so does a collectivity a document
    // names as a funder ("financés par ... la Région flamande").
    if (m.role == "partner" && partnership && IsTerritorial(m.actor_type)) continue;
    if (const std::string cue = cue_of(m); !cue.empty() && cue != "pending") m.role = cue;
  }
  AddOrganisations(enricher, r, partnership);
  if (!partnership) {
    // A document (a programme's overview, minutes) names the funders of what it describes with
    // a cue ("une quinzaine financés par le niveau fédéral (DGD) et les autres par la Région
    // flamande"): each is an actor of the record in that role, collectivities included, and its
    // territory a facet.
    for (const Partner& m : named.actors) {
      if (is_partner(m) || known(m) || m.role.empty() || m.role == "pending") continue;
      if (m.role == "partner") continue;
      Partner added = m;
      const ReferenceData& data = ReferenceData::Embedded();
      const Actor* a = data.FindActor(m.actor_id);
      if (const Place* p = a && IsTerritorial(m.actor_type) && !a->place.empty()
                               ? data.FindPlace(a->place)
                               : nullptr)
        AddPlaceFacets(*p, r);
      r.mentions.push_back(std::move(added));
    }
    return;
  }

  // A partnership: the other actors its text names, in the role a cue gives them; without a
  // cue, operators and networks in their default role (IRCOD, Cités Unies France are named for
  // what they always do), funders and collectivities not at all (a funder named without a
  // financing line, or only asked, has not funded this partnership).
  // A page about one partnership (a "text" no segmenter claims, an atlas project page) names
  // the other collectivities of the cooperation it belongs to by their collectivity word ("le
  // Département de l'Hérault conduit avec ..."): co-parties, role partner.
  // Not in repertoires and programmes, whose entries name collectivities in financing and
  // contact lines.
  for (const Partner& m : named.actors) {
    if (is_partner(m) || known(m)) continue;
    Partner added = m;
    if (added.role.empty()) {
      const std::string fallback = default_role(m);
      // As an institution, written with a capital ("le Département de l'Hérault", "Conseil
      // régional d'Aquitaine"); "dans la région de Tanger-Tétouan", "province de Ouarzazate"
      // locate a place.
      // ... or the object of "avec" ("conduit avec la région Souss-Massa-Drâa"): a party.
      const auto after_avec = [&] {
        for (const std::string& line : Lines(r)) {
          for (std::size_t at = line.find(m.name); at != std::string::npos;
               at = line.find(m.name, at + 1)) {
            const std::string before = Folded(line.substr(0, at));
            for (std::string_view lead : {"avec la", "avec le", "avec l"}) {
              if (before.size() >= lead.size() + 1 &&
                  before.compare(before.size() - lead.size() - 1, lead.size(), lead) == 0)
                return true;
            }
          }
        }
        return false;
      };
      const bool co_party = single_page && fallback == "partner" && IsTerritorial(m.actor_type) &&
                            m.actor_type != "province" && m.actor_type != "préfecture" &&
                            m.actor_type != "cercle" && !m.name.empty() &&
                            ((m.name[0] >= 'A' && m.name[0] <= 'Z' && !bare_town(m)) ||
                             after_avec() || in_avec_list(m));
      if (fallback != "operator" && fallback != "network" && !co_party) continue;
      added.role = fallback;
      // A co-party's territory is a place of the cooperation: its regions and country are
      // facets ("Conseil régional d'Aquitaine": Aquitaine, Nouvelle-Aquitaine).
      if (co_party) {
        const ReferenceData& data = ReferenceData::Embedded();
        const Actor* a = data.FindActor(m.actor_id);
        if (const Place* p = a && !a->place.empty() ? data.FindPlace(a->place) : nullptr)
          AddPlaceFacets(*p, r);
      }
    }
    r.mentions.push_back(std::move(added));
  }
  // A programme's partnerships are run and funded by the programme's publisher actors (004:
  // "AVCB / Brulocalis, pour la DGD"; each form dates "la relation partenariale avec l'ACNG").
  if (r.style == "programme") {
    for (Partner& m : enricher.Mentions(r.publisher)) {
      if (m.actor_id.empty() || is_partner(m) || known(m)) continue;
      m.role = default_role(m);
      if (m.role == "partner") continue;
      r.mentions.push_back(std::move(m));
    }
  }
}

}  // namespace coop
