#include "coop/enrich.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "coop/actor_roles.h"
#include "coop/analyzer.h"
#include "coop/enrich_generic.h"
#include "coop/reference_data.h"
#include "coop/text_data.h"
#include "enrich_internal.h"

namespace coop {
namespace embedded {
extern const std::string_view kStreetWords;
extern const std::string_view kNameConnectives;
}  // namespace embedded

using enrich_detail::AddUnique;
using enrich_detail::CollapseSpaces;
using enrich_detail::InNames;
using enrich_detail::IsMunicipal;
using enrich_detail::kRepeatedTermMin;
using enrich_detail::NameMatch;
using enrich_detail::NameTargets;
using enrich_detail::NameText;
using enrich_detail::PlaceRank;
using enrich_detail::Word;

std::vector<Word> Enricher::Impl::Words(std::string_view text) const {
  std::vector<Token> tokens;
  {
    std::lock_guard<std::mutex> lock(mu);
    tokens = analyzer.Analyze(text);
  }
  std::vector<Word> out;
  out.reserve(tokens.size());
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    Token& t = tokens[k];
    // A hyphenated compound's whole ("fes-meknes") shares its first part's position; its parts
    // follow and are what names are compared on.
    if (k + 1 < tokens.size() && tokens[k + 1].position == t.position) continue;
    if (connectives.count(t.term)) continue;
    UChar32 c = 0;
    std::int32_t i = static_cast<std::int32_t>(t.begin);
    U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
    out.push_back({std::move(t.term), t.begin, t.end, c > 0 && (u_isupper(c) || u_istitle(c))});
  }
  return out;
}

std::string Enricher::Impl::Key(std::string_view phrase) const {
  std::string key;
  for (const Word& w : Words(phrase)) {
    if (!key.empty()) key.push_back(' ');
    key += w.term;
  }
  return key;
}

void Enricher::Impl::AddActorName(const std::string& phrase, int actor, int rank) {
  const std::string key = Key(phrase);
  if (key.empty()) return;
  NameTargets& t = names[key];
  if (rank == 0 && t.actor_rank == 0 && t.actor != actor) {
    throw std::runtime_error("actors.csv: '" + phrase + "' names both " +
                             data.actors()[static_cast<std::size_t>(t.actor)].id + " and " +
                             data.actors()[static_cast<std::size_t>(actor)].id);
  }
  if (rank < t.actor_rank) t = {actor, rank, t.place, t.place_rank};
  max_name_words =
      std::max<std::size_t>(max_name_words, std::count(key.begin(), key.end(), ' ') + 1);
}

Enricher::Impl::Impl() {
  for (const std::string& w : DataLines(embedded::kNameConnectives)) {
    connectives.insert(analyzer.Fold(w));
  }
  for (const std::string& w : DataLines(embedded::kStreetWords))
    street_words.insert(analyzer.Fold(w));
  const auto& places = data.places();
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (!places[i].match) continue;
    std::vector<std::string> forms = places[i].variants;
    forms.push_back(places[i].name);
    for (const std::string& f : forms) {
      const std::string key = Key(f);
      NameTargets& t = names[key];
      const int rank = PlaceRank(places[i].type);
      if (rank < t.place_rank) {
        t.place = static_cast<int>(i);
        t.place_rank = rank;
      }
      max_name_words =
          std::max<std::size_t>(max_name_words, std::count(key.begin(), key.end(), ' ') + 1);
    }
  }
  const auto& actors = data.actors();
  for (std::size_t i = 0; i < actors.size(); ++i) {
    const Actor& a = actors[i];
    const int id = static_cast<int>(i);
    for (const std::string& alias : a.aliases) AddActorName(alias, id, 0);
    const Place* p = a.place.empty() ? nullptr : data.FindPlace(a.place);
    AddActorName(a.name, id, p && IsMunicipal(a.type) ? 2 : 0);
    if (!p) continue;
    std::vector<std::string> forms = p->variants;
    forms.push_back(p->name);
    for (const std::string& f : forms) {
      for (const std::string& prefix : data.PrefixesOf(a.type))
        AddActorName(prefix + " " + f, id, 1);
      if (IsMunicipal(a.type)) AddActorName(f, id, 2);
    }
  }
  for (std::size_t i = 0; i < data.domains().size(); ++i) {
    const Domain& d = data.domains()[i];
    std::vector<std::string> wholes = d.phrases;
    wholes.insert(wholes.end(), d.list_phrases.begin(), d.list_phrases.end());
    wholes.push_back(d.label);
    for (const std::string& ph : wholes) {
      std::vector<int>& ids = domain_whole[Key(ph)];
      if (std::find(ids.begin(), ids.end(), static_cast<int>(i)) == ids.end()) {
        ids.push_back(static_cast<int>(i));
      }
    }
    for (const auto& [phrases, dict] :
         {std::pair{&d.phrases, &domain_any}, {&d.list_phrases, &domain_list}}) {
      for (const std::string& ph : *phrases) {
        const std::string key = Key(ph);
        std::vector<int>& ids = (*dict)[key];
        // One entry per domain and key: "Eau & assainissement" and "eau et assainissement" are
        // one key, and a doubled entry would count a text occurrence twice.
        if (std::find(ids.begin(), ids.end(), static_cast<int>(i)) != ids.end()) continue;
        ids.push_back(static_cast<int>(i));
        const std::size_t words = std::count(key.begin(), key.end(), ' ') + 1;
        max_domain_words = std::max(max_domain_words, words);
        if (dict == &domain_any && words >= 2) domain_terms[key].push_back(static_cast<int>(i));
      }
    }
  }
}

std::vector<NameMatch> Enricher::Impl::ScanNames(const std::vector<Word>& w, NameText text) const {
  std::vector<NameMatch> out;
  for (std::size_t i = 0; i < w.size();) {
    if (i > 0 && street_words.count(w[i - 1].term)) {  // "avenue Souss", "route de Paris"
      ++i;
      continue;
    }
    // "11006 Cádiz", "1090 JETTE": the town of a postal address (a postcode of 5 digits, or of
    // 4 that is no year), which locates a letterhead or footer, not the text's subject.
    if (i > 0) {
      const std::string& prev = w[i - 1].term;
      const bool digits = !prev.empty() && std::all_of(prev.begin(), prev.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
      const bool year_like = prev.size() == 4 && (prev.starts_with("19") || prev.starts_with("20"));
      if (digits && (prev.size() == 5 || (prev.size() == 4 && !year_like))) {
        ++i;
        continue;
      }
    }
    std::string key;
    std::size_t best_len = 0;
    const NameTargets* best = nullptr;
    for (std::size_t len = 1; len <= max_name_words && i + len <= w.size(); ++len) {
      if (len > 1) key.push_back(' ');
      key += w[i + len - 1].term;
      auto it = names.find(key);
      if (it == names.end()) continue;
      // In prose a name ends with a capitalised word; an actor's own name of two words or more
      // that starts with one is a name whatever its case inside ("Commission nationale de la
      // coopération décentralisée", "Direction générale de la Coopération au développement",
      // "la Région flamande").
      // French prose writes a ministry's common noun in lower case and its field with a capital
      // ("le ministère des Affaires étrangères"): such a name of three words or more with a
      // capitalised word after its first counts as well.
      const auto inner_upper = [&] {
        for (std::size_t k = i + 1; k + 1 < i + len; ++k) {
          if (w[k].upper) return true;
        }
        return false;
      };
      const bool whole_actor_name = it->second.actor >= 0 && it->second.actor_rank == 0 &&
                                    ((len >= 2 && w[i].upper) || (len >= 3 && inner_upper()));
      if (text == NameText::kRunningText && !w[i + len - 1].upper && !whole_actor_name) continue;
      best_len = len;
      best = &it->second;
    }
    if (!best) {
      ++i;
      continue;
    }
    out.push_back({i, i + best_len - 1, best->actor, best->place});
    i += best_len;
  }
  return out;
}

std::map<int, std::pair<int, std::size_t>> Enricher::Impl::ScanDomains(
    std::string_view text, std::initializer_list<const DomainDict*> dicts, InNames in_names) const {
  std::map<int, std::pair<int, std::size_t>> found;
  // A domain's occurrences do not overlap: "assainissement liquide" is one occurrence of Eau et
  // assainissement, not two (its phrases "assainissement" and "assainissement liquide").
  std::map<int, std::size_t> free_from;  // domain -> first word a new occurrence may start at
  const std::vector<Word> w = Words(text);
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::string key;
    bool all_upper = true;
    for (std::size_t len = 1; len <= max_domain_words && i + len <= w.size(); ++len) {
      if (len > 1) key.push_back(' ');
      key += w[i + len - 1].term;
      all_upper = all_upper && w[i + len - 1].upper;
      if (in_names == InNames::kSkip && all_upper) continue;
      for (const DomainDict* dict : dicts) {
        auto it = dict->find(key);
        if (it == dict->end()) continue;
        for (int d : it->second) {
          std::size_t& next = free_from[d];
          if (i < next) {  // the longer phrase of an occurrence counted at an earlier word
            next = std::max(next, i + len);
            continue;
          }
          next = i + len;
          auto [pos, inserted] = found.try_emplace(d, 0, i);
          pos->second.first++;
        }
      }
    }
  }
  return found;
}

const Place* Enricher::Impl::PlaceOf(const NameMatch& m) const {
  if (m.actor >= 0) {
    const Actor& a = data.actors()[static_cast<std::size_t>(m.actor)];
    if (!a.place.empty()) return data.FindPlace(a.place);
  }
  return m.place >= 0 ? &data.places()[static_cast<std::size_t>(m.place)] : nullptr;
}

void Enricher::Impl::AddPlace(Record& r, const Place& p) const { AddPlaceFacets(p, r); }

Enricher::Enricher() : impl_(std::make_unique<Impl>()) {}
Enricher::~Enricher() = default;

std::vector<Partner> Enricher::Mentions(std::string_view text) const {
  std::vector<Partner> out;
  std::set<std::string> seen;
  const std::vector<Word> w = impl_->Words(text);
  for (const NameMatch& m : impl_->ScanNames(w, NameText::kRunningText)) {
    Partner p;
    p.name = CollapseSpaces(text.substr(w[m.first].begin, w[m.last].end - w[m.first].begin));
    if (m.actor >= 0) {
      const Actor& a = impl_->data.actors()[static_cast<std::size_t>(m.actor)];
      p = {p.name, a.country, a.id, a.name, a.type};
      if (const Place* pl = impl_->PlaceOf(m)) seen.insert("place:" + pl->name);
    } else {
      const Place& pl = impl_->data.places()[static_cast<std::size_t>(m.place)];
      p.country = pl.country;
      p.actor_name = pl.name;
    }
    if (seen.insert(p.actor_id.empty() ? "place:" + p.actor_name : p.actor_id).second) {
      out.push_back(std::move(p));
    }
  }
  return out;
}

void Enricher::AddEventTowns(Record& r, std::string_view text) const {
  static constexpr std::string_view kA = "\xC3\xA0 ";  // "à "
  const ReferenceData& data = impl_->data;
  for (const Partner& m : Mentions(text)) {
    if (!m.actor_id.empty() && !IsMunicipal(m.actor_type)) continue;
    const Place* p = nullptr;
    if (m.actor_id.empty()) {
      for (const Place& candidate : data.places()) {
        if (candidate.name == m.actor_name && candidate.country == m.country) {
          p = &candidate;
          break;
        }
      }
    } else if (const Actor* a = data.FindActor(m.actor_id); a && !a->place.empty()) {
      p = data.FindPlace(a->place);
    }
    if (!p || !IsMunicipal(p->type)) continue;
    for (std::size_t at = text.find(m.name); at != std::string_view::npos;
         at = text.find(m.name, at + 1)) {
      if (at >= kA.size() && text.substr(at - kA.size(), kA.size()) == kA) {
        AddPlaceFacets(*p, r);
        std::string& source = r.sources["cities"];
        if (source.find("pattern") == std::string::npos)
          source += source.empty() ? "pattern" : ", pattern";
        break;
      }
    }
  }
}

std::vector<std::string> Enricher::DomainsOf(std::string_view domains_text) const {
  std::vector<std::pair<std::size_t, int>> order;  // first position, domain
  for (const auto& [d, seen] :
       impl_->ScanDomains(domains_text, {&impl_->domain_any, &impl_->domain_list}, InNames::kCount))
    order.push_back({seen.second, d});
  std::sort(order.begin(), order.end());
  std::vector<std::string> out;
  for (const auto& [pos, d] : order)
    out.push_back(impl_->data.domains()[static_cast<std::size_t>(d)].label);
  return out;
}

std::vector<std::string> Enricher::DomainsOfAnnexPath(std::string_view path) const {
  static constexpr std::string_view kSeparator = " \xE2\x80\xBA ";  // " › "
  const std::size_t sep = path.find(kSeparator);
  const std::string_view domain = path.substr(0, sep);
  const std::string_view sub =
      sep == std::string_view::npos ? std::string_view() : path.substr(sep + kSeparator.size());
  const auto whole = [this](std::string_view heading) {
    std::vector<std::string> out;
    auto it = impl_->domain_whole.find(impl_->Key(heading));
    if (it == impl_->domain_whole.end()) return out;
    for (int d : it->second)
      AddUnique(out, impl_->data.domains()[static_cast<std::size_t>(d)].label);
    return out;
  };
  std::vector<std::string> out = whole(domain);
  std::vector<std::string> sub_labels;
  if (!sub.empty()) {
    sub_labels = whole(sub);
    if (sub_labels.empty()) sub_labels = DomainsOf(sub);
  }
  if (out.empty() && sub_labels.empty()) out = DomainsOf(domain);
  for (const std::string& label : sub_labels) AddUnique(out, label);
  return out;
}

void Enricher::Enrich(Record& r) const {
  const ReferenceData& data = impl_->data;
  // A text no segmenter claims that is about one partnership becomes that partnership (issue 15).
  if (r.style == "text" && r.kind == "document" && r.partners.empty()) {
    r.partners = PartnersOfText(r);
    if (!r.partners.empty()) {
      r.kind = "partnership";
      r.sources["kind"] = "pattern";
      r.sources["partners"] = "pattern";
    } else {
      // Minutes like 002 under any name: the actors its manifest entry would give (the network
      // whose group meets, the host town), as mentions: minutes are no partnership, and their
      // roles come from AssignActorRoles (Cités Unies France: network).
      std::vector<Partner> named = MinutesPartners(r);
      if (!named.empty()) r.sources["mentions"] = "pattern";
      r.mentions.insert(r.mentions.begin(), named.begin(), named.end());
    }
  }
  for (Partner& partner : r.partners) {
    const std::vector<NameMatch> matches =
        impl_->ScanNames(impl_->Words(partner.name), NameText::kPartnerName);
    const auto first_actor = std::find_if(matches.begin(), matches.end(),
                                          [](const NameMatch& m) { return m.actor >= 0; });
    if (first_actor != matches.end()) {
      const Actor& a = data.actors()[static_cast<std::size_t>(first_actor->actor)];
      if (partner.actor_id.empty()) partner.actor_id = a.id;
      if (partner.actor_name.empty()) partner.actor_name = a.name;
      if (partner.actor_type.empty()) partner.actor_type = a.type;
      if (partner.country.empty()) partner.country = a.country;
    }
    bool placed = false;
    for (const NameMatch& m : matches) {
      const Place* p = impl_->PlaceOf(m);
      if (!p) continue;
      if (partner.country.empty()) partner.country = p->country;
      impl_->AddPlace(r, *p);
      placed = true;
    }
    // A town whose bare name is also a word ("Ville de Bédarieux": match rule "pattern") is
    // known by the collectivity word of the partner name.
    if (!placed) {
      for (const CollectivityMention& h : Collectivities(partner.name)) {
        const Place* p = h.place_id.empty() ? nullptr : data.FindPlace(h.place_id);
        if (!p || (!partner.country.empty() && p->country != partner.country)) continue;
        if (partner.country.empty()) partner.country = p->country;
        if (partner.actor_name.empty()) partner.actor_name = p->name;
        impl_->AddPlace(r, *p);
        break;
      }
    }
    AddUnique(r.countries, partner.country);
  }

  // Domains of a partnership: its "Domaines d'activités" wording, the domains its project
  // headings name ("PROJETS RÉALISÉS › EAU/ASSAINISSEMENT" is a water project even when the
  // wording omits it), the synthesis annex, and the multi-word terms its text repeats (below).
  // Without a wording, body text counts like headings, but conservatively. Document records
  // (editorials, syntheses, programme sections) speak of every domain in passing: they get domains
  // only from their own headings.
  std::string body, headings = r.title;
  for (const Passage& p : r.passages) {
    body += p.text;
    body += '\n';
    headings += '\n' + p.heading;
  }
  std::map<int, std::pair<int, std::size_t>> score;
  for (const auto& [d, seen] :
       impl_->ScanDomains(headings, {&impl_->domain_any}, InNames::kCount)) {
    score.try_emplace(d, 0, 0).first->second.first += 2 * seen.first;
  }
  if (!r.domains_text.empty()) {
    for (const std::string& label : DomainsOf(r.domains_text)) AddUnique(r.domains, label);
  } else if (r.kind != "document" || r.style == "text") {  // a "text" record: issue 15
    for (const auto& [d, seen] : impl_->ScanDomains(body, {&impl_->domain_any}, InNames::kCount)) {
      score.try_emplace(d, 0, 0).first->second.first += seen.first;
    }
  }
  if (r.kind != "document" || r.domains_text.empty()) {
    for (const auto& [d, seen] : score) {
      if (seen.first >= 2) AddUnique(r.domains, data.domains()[static_cast<std::size_t>(d)].label);
    }
  }

  // Free text states its fields in sentences of its own ("le partenariat porte sur ..."):
  // records without a wording take the domains of those sentences (issue 15). Not the general
  // parts of a repertoire (editorial, syntheses): they survey the fields of every partnership
  // the repertoire lists, not work of their own.
  if (r.domains_text.empty() && !(r.kind == "document" && r.style == "repertoire")) {
    for (const std::string& label : StatedDomains(body)) AddUnique(r.domains, label);
    // A page no segmenter claims is short and about its subject: a multi-word thesaurus term
    // it uses once outside names ("échanges universitaires", "assainissement liquide") is work
    // it describes. Single words ("santé" of "un centre de santé") still need a statement.
    if (r.style == "text") {
      for (const auto& [d, seen] : impl_->ScanDomains(body, {&impl_->domain_terms}, InNames::kSkip))
        AddUnique(r.domains, data.domains()[static_cast<std::size_t>(d)].label);
    }
  }

  for (const std::string& path : r.annex_domains) {
    for (const std::string& label : DomainsOfAnnexPath(path)) AddUnique(r.domains, label);
  }

  // The wording lists what the partners declared; work the project text describes again and
  // again is a domain too (Maxéville/Imouzzer: "assainissement liquide", twice, in a
  // partnership worded "Renforcement des capacités ; Développement durable ; Jeunesse").
  // Only multi-word thesaurus terms count, repeated: a technical term is a noun phrase of
  // several words that recurs in the text about it (Justeson & Katz 1995, "Technical
  // terminology", Natural Language Engineering 1(1): 9-27, keep multi-word noun phrases seen at
  // least twice), while single words ("tourisme", "culture") also name offices, ministries and
  // associations in passing ("Office de Tourisme marocain"). Terms inside capitalised names
  // ("Inspection Régionale de l'Aménagement du Territoire") are names, not work: not counted.
  if (r.kind != "document" && !r.domains_text.empty()) {
    for (const auto& [d, seen] : impl_->ScanDomains(body, {&impl_->domain_terms}, InNames::kSkip)) {
      if (seen.first >= kRepeatedTermMin) {
        AddUnique(r.domains, data.domains()[static_cast<std::size_t>(d)].label);
      }
    }
  }

  if (r.kind == "document") {
    std::string text = r.title;
    for (const Passage& p : r.passages) text += "\n" + p.text;
    // A town named only inside an organisation's name ("l'Agence spéciale Tanger Med") is that
    // organisation's seat, not a place of the document.
    const std::vector<OrganisationMention> organisations = Organisations(text);
    const auto only_in_organisations = [&](const Partner& m) {
      if ((!m.actor_id.empty() && !IsMunicipal(m.actor_type)) || m.name.empty()) return false;
      bool seen = false;  // a name over a line break is written with a space: not found
      for (std::size_t at = text.find(m.name); at != std::string::npos;
           at = text.find(m.name, at + 1)) {
        const bool inside = std::any_of(
            organisations.begin(), organisations.end(),
            [&](const auto& o) { return o.begin <= at && at + m.name.size() <= o.end; });
        if (!inside) return false;
        seen = true;
      }
      return seen;
    };
    for (Partner& m : Mentions(text)) {
      const bool known = std::any_of(r.mentions.begin(), r.mentions.end(), [&](const Partner& x) {
        return m.actor_id.empty() ? x.actor_name == m.actor_name : x.actor_id == m.actor_id;
      });
      if (!known && !only_in_organisations(m)) r.mentions.push_back(std::move(m));
    }
  }
  if (r.kind == "partnership" && (r.style == "text" || r.style == "atlas")) {
    AddEventTowns(r, body);
  }
  if (r.style == "text") {  // no specific segmenter claims it: issue 15
    AddYearsInContext(r);
    // Collectivities of patterns; a text without partners (none from a manifest entry or a
    // sidecar) takes the places it mentions as its facets: it lists several partnerships.
    AddCollectivities(r);
  } else if (r.style == "atlas") {
    // An atlas page dates its history in prose and chronology entries ("Historique : - 2004 :
    // ..."), beyond the years of its signature fields.
    AddYearsInContext(r);
    if (r.kind == "document" && r.partners.empty()) AddCollectivities(r);
  } else if (r.kind == "document" && r.partners.empty()) {
    // A general section of a programme or repertoire added without a manifest entry lists the
    // partnerships of its document: its collectivities and the places it mentions are its
    // facets, as for a "text".
    AddCollectivities(r);
  }
  AssignActorRoles(*this, r);
}

}  // namespace coop
