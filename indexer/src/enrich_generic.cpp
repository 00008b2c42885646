// Style-independent enrichment (issue 15): facets of the places a "text" record names and the
// years it states in context. See enrich_generic.h.
#include "coop/enrich_generic.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <mutex>
#include <string>

#include "enrich_internal.h"

namespace coop {
namespace {

using enrich_detail::AddUnique;
using enrich_detail::PlaceRank;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The ASCII-lower-cased word (letters, digits, UTF-8 bytes) ending just before `end`, skipping
// spaces and opening punctuation; `start` receives its first byte.
std::string WordBefore(std::string_view t, std::size_t end, std::size_t* start) {
  std::size_t i = end;
  while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '(' || t[i - 1] == '\n' || t[i - 1] == '\t' ||
                   t[i - 1] == ',' || t[i - 1] == '\''))
    --i;
  std::size_t e = i;
  while (i > 0 && (std::isalnum(static_cast<unsigned char>(t[i - 1])) ||
                   static_cast<unsigned char>(t[i - 1]) >= 0x80 || t[i - 1] == '.'))
    --i;
  if (start) *start = i;
  std::string w(t.substr(i, e - i));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

std::string WordAfter(std::string_view t, std::size_t begin) {
  std::size_t i = begin;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  std::size_t b = i;
  while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) ||
                          static_cast<unsigned char>(t[i]) >= 0x80))
    ++i;
  std::string w(t.substr(b, i - b));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

// Words after which a four-digit number is a year of an act (lower case, accents as written).
constexpr std::array<std::string_view, 26> kYearCues = {
    "en",      "depuis",  "dès",     "année",     "années",  "printemps", "été",
    "automne", "hiver",   "janvier", "février",   "mars",    "avril",     "mai",
    "juin",    "juillet", "août",    "septembre", "octobre", "novembre",  "décembre",
    "fin",     "début",   "courant", "1er",       "mi"};
// Words after which a year follows only when a year precedes it closely ("de 2009 à 2012").
constexpr std::array<std::string_view, 4> kRangeCues = {"et", "à", "au", "-"};
// Words after a number that make it a quantity, not a year.
constexpr std::array<std::string_view, 12> kUnits = {"m",   "km",      "habitants", "euros",
                                                     "eur", "dirhams", "dhs",       "mètres",
                                                     "ha",  "mm",      "personnes", "élèves"};

// Words (lower case) that, shortly before a year, make it the date of a context event, not of
// an act of the partnership: "le séisme du 8 septembre 2023", "les élections de 2015", "la loi
// de 2011", "l'Exposition universelle de 1992".
constexpr std::array<std::string_view, 7> kContextEvents = {
    "séisme", "tremblement", "élections", "élection", "loi", "dahir", "exposition"};

// The line of `t` around byte `at`.
std::string_view LineAt(std::string_view t, std::size_t at) {
  const std::size_t b = t.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t start = b == std::string_view::npos || at == 0 ? 0 : b + 1;
  const std::size_t e = t.find('\n', at);
  return t.substr(start, (e == std::string_view::npos ? t.size() : e) - start);
}

// Lower-cased ASCII copy (UTF-8 bytes kept): enough to find the French cue words below.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A year that opens a chronology entry: at the start of a line or list item ("- 2004 : journée
// du Maroc", "2006 – séjours d'élèves"), followed by a colon or a dash.
bool OpensChronologyEntry(std::string_view t, std::size_t begin, std::size_t end) {
  std::size_t i = begin;
  while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '-' || t[i - 1] == '*')) --i;
  if (i >= 3 && t.substr(i - 3, 3) == "\xE2\x80\xA2") i -= 3;  // "•"
  if (i > 0 && t[i - 1] != '\n') return false;
  std::size_t j = end;
  while (j < t.size() && t[j] == ' ') ++j;
  return j < t.size() && (t[j] == ':' || t[j] == '-' || t.substr(j).starts_with("\xE2\x80\x93"));
}

template <std::size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Place lookup by (canonical name, country): the town before the province of the same name
// (enrich_detail::PlaceRank, the rule Enricher::Impl uses too).
const Place* PlaceByName(const ReferenceData& data, const std::string& name,
                         const std::string& country) {
  static std::mutex mu;
  static std::map<const ReferenceData*, std::map<std::string, std::size_t>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& index = cache[&data];
  if (index.empty()) {
    const auto& places = data.places();
    for (std::size_t i = 0; i < places.size(); ++i) {
      const std::string key = places[i].name + '\x1f' + places[i].country;
      auto [it, inserted] = index.try_emplace(key, i);
      if (!inserted && PlaceRank(places[i].type) < PlaceRank(places[it->second].type))
        it->second = i;
    }
  }
  auto it = index.find(name + '\x1f' + country);
  return it == index.end() ? nullptr : &data.places()[it->second];
}

void NoteSource(Record& r, const std::string& field, const std::string& source) {
  std::string& s = r.sources[field];
  if (s.find(source) != std::string::npos) return;
  if (!s.empty()) s += ", ";
  s += source;
}

}  // namespace

std::vector<int> YearsInContext(std::string_view t) {
  std::vector<int> out;
  std::size_t last_year_end = std::string_view::npos;
  for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
    if (!IsDigit(t[i]) || (i > 0 && IsDigit(t[i - 1]))) continue;
    std::size_t e = i;
    while (e < t.size() && IsDigit(t[e])) ++e;
    if (e - i != 4) {
      i = e;
      continue;
    }
    const int year = std::stoi(std::string(t.substr(i, 4)));
    const std::size_t end = e;
    i = e;
    if (year < 1950 || year > 2039) continue;
    // A digit group before or after: an amount or a population ("12 2010", "2010 500").
    if (i >= 4 + 2 && t[i - 5] == ' ' && IsDigit(t[i - 6])) continue;
    if (end + 1 < t.size() && t[end] == ' ' && IsDigit(t[end + 1])) continue;
    if (end < t.size() && (t[end] == ',' || t[end] == '.') && end + 1 < t.size() &&
        IsDigit(t[end + 1]))
      continue;
    if (In(kUnits, WordAfter(t, end))) continue;
    if (end < t.size() && t.substr(end).starts_with(" \xE2\x82\xAC")) continue;  // " €"
    std::size_t wstart = 0;
    const std::size_t begin = end - 4;
    const std::string before = WordBefore(t, begin, &wstart);
    // "©", "page", "p.", "d'ici", "n°": chrome, page numbers, targets, reference numbers.
    const std::string_view lead = t.substr(begin >= 12 ? begin - 12 : 0, begin >= 12 ? 12 : begin);
    if (lead.find("\xC2\xA9") != std::string_view::npos || before == "page" || before == "p." ||
        before == "ici" || before == "n°" || before == "copyright" || before == "pages")
      continue;
    // Page-update chrome ("Page mise à jour le 11/06/2024", "Mis à jour le 01/12/2008").
    {
      const std::string_view line = LineAt(t, begin);
      const std::size_t line_start = static_cast<std::size_t>(line.data() - t.data());
      const std::size_t from = std::max(line_start, begin >= 48 ? begin - 48 : 0);
      const std::string lead_text = Lower(t.substr(from, begin - from));
      if (lead_text.find("mise à jour") != std::string::npos ||
          lead_text.find("mis à jour") != std::string::npos)
        continue;
    }
    // A context event named just before ("séisme du 8 septembre 2023").
    {
      const std::size_t from = begin >= 40 ? begin - 40 : 0;
      const std::string lead_words = Lower(t.substr(from, begin - from));
      const auto letter = [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
      };
      const auto has_word = [&](std::string_view w) {
        for (std::size_t at = lead_words.find(w); at != std::string::npos;
             at = lead_words.find(w, at + 1)) {
          const std::size_t after = at + w.size();
          if ((at == 0 || !letter(lead_words[at - 1])) &&
              (after >= lead_words.size() || !letter(lead_words[after])))
            return true;
        }
        return false;
      };
      if (std::any_of(kContextEvents.begin(), kContextEvents.end(), has_word)) continue;
    }
    bool cue = In(kYearCues, before) || OpensChronologyEntry(t, begin, end);
    // A range: "2017-2021", "2009/2012", "de 2009 à 2012", "entre 2009 et 2012".
    if (!cue && begin > 0 && (t[begin - 1] == '-' || t[begin - 1] == '/') &&
        last_year_end != std::string_view::npos && last_year_end + 1 == begin)
      cue = true;
    if (!cue && In(kRangeCues, before) && last_year_end != std::string_view::npos &&
        begin - last_year_end <= 8)
      cue = true;
    // The first year of a range "2017-2021" / "2009 à 2012".
    if (!cue && end + 5 <= t.size() && (t[end] == '-' || t[end] == '/') && IsDigit(t[end + 1]))
      cue = true;
    if (!cue) {
      const std::string after = WordAfter(t, end);
      if ((after == "à" || after == "et" || after == "au") && begin > 0) {
        const std::string b = before;
        if (b == "de" || b == "entre" || b == "du") cue = true;
      }
    }
    // A date "12/03/2016".
    if (!cue && begin >= 6 && t[begin - 1] == '/' && IsDigit(t[begin - 2]) && t[begin - 4] == '/')
      cue = true;
    last_year_end = end;
    if (!cue) continue;
    if (std::find(out.begin(), out.end(), year) == out.end()) out.push_back(year);
  }
  return out;
}

void AddPlaceFacets(const Place& p, Record& r) {
  const bool municipal = PlaceRank(p.type) == 0;
  if (municipal) AddUnique(r.cities, p.name);
  if (p.country == "Maroc") {
    if (municipal || p.type == "cercle") AddUnique(r.provinces, p.parent);
    if (p.type == "province" || p.type == "préfecture") AddUnique(r.provinces, p.name);
    for (const std::string& v : p.regions_old) AddUnique(r.regions_pre2015, v);
    for (const std::string& v : p.regions_new) AddUnique(r.regions, v);
  } else {
    for (const std::string& v : p.regions_old) AddUnique(r.foreign_regions, v);
    for (const std::string& v : p.regions_new) AddUnique(r.foreign_regions, v);
  }
  AddUnique(r.countries, p.country);
}

void AddPlacesOfMentions(const ReferenceData& data, Record& r) {
  const auto add_place = [&](const Place& p) { AddPlaceFacets(p, r); };
  for (const Partner& m : r.mentions) {
    const Place* p = nullptr;
    if (!m.actor_id.empty()) {
      const Actor* a = data.FindActor(m.actor_id);
      if (a && !a->place.empty()) p = data.FindPlace(a->place);
      if (a) AddUnique(r.countries, a->country);
    } else {
      p = PlaceByName(data, m.actor_name, m.country);
    }
    if (p) add_place(*p);
  }
  for (const auto& [field, values] : {std::pair{"cities", &r.cities},
                                      {"provinces", &r.provinces},
                                      {"regions", &r.regions},
                                      {"regions_pre2015", &r.regions_pre2015},
                                      {"foreign_regions", &r.foreign_regions},
                                      {"countries", &r.countries}}) {
    if (!values->empty()) NoteSource(r, field, "gazetteer");
  }
}

void AddYearsInContext(Record& r) {
  std::string text = r.title;
  for (const Passage& p : r.passages) text += "\n" + p.text;
  for (int y : YearsInContext(text)) {
    if (std::find(r.years.begin(), r.years.end(), y) == r.years.end()) r.years.push_back(y);
  }
  std::sort(r.years.begin(), r.years.end());
  if (!r.years.empty()) NoteSource(r, "years", "pattern");
}

}  // namespace coop
