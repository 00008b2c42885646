// Atlas style: a project page of the French atlas of decentralised cooperation (CNCD), recognised
// by its field labels ("Titre", "Collectivité partenaire", "Année de première signature de la
// convention", "Thématique d'intervention", "Contexte", "Historique"), never by file name. A label
// is followed by its value on the same line ("Titre : X") or on the next lines ("Titre\nX").
#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "coop/segmenter.h"

namespace coop::seg {
namespace {

// Labels of the atlas project page (the atlas's own field names), in kKeyFold form.
constexpr std::array<std::string_view, 9> kLabels = {"titre",
                                                     "collectivite francaise",
                                                     "collectivite partenaire",
                                                     "pays",
                                                     "annee de premiere signature de la convention",
                                                     "annee de renouvellement officialisation",
                                                     "thematique d intervention",
                                                     "contexte",
                                                     "historique"};

// The label of a line "Label : value" or "Label" (its whole text), and the value after the colon.
std::string_view LabelOf(std::string_view line, std::string_view* rest) {
  const std::size_t colon = line.find(':');
  const std::string head = Fold(line.substr(0, colon), kKeyFold);
  for (std::string_view label : kLabels) {
    if (head != label) continue;
    *rest = colon == std::string_view::npos ? std::string_view() : Trim(line.substr(colon + 1));
    return label;
  }
  return {};
}

// "Commune de Montereau-Fault-Yonne (Seine-et-Marne, Île-de-France)" -> without the parenthesis.
std::string ActorName(std::string_view value) {
  const std::size_t paren = value.find(" (");
  return CleanTitle(paren == std::string_view::npos ? value : value.substr(0, paren));
}

}  // namespace

std::vector<Record> SegmentAtlas(const SourceInfo& info, std::string_view text) {
  std::map<std::string_view, std::string> fields;
  std::string_view open;  // label whose value continues on the next lines
  for (const Line& l : Lines(text)) {
    const std::string_view line = Trim(text.substr(l.begin, l.end - l.begin));
    if (line.empty()) {
      if (!open.empty() && !fields[open].empty()) open = {};
      continue;
    }
    std::string_view rest;
    const std::string_view label = LabelOf(line, &rest);
    if (!label.empty()) {
      fields[label] = std::string(rest);
      open = rest.empty() ? label : std::string_view();
    } else if (!open.empty()) {
      std::string& v = fields[open];
      if (!v.empty()) v += ' ';
      v += line;
    }
  }
  // At least the partner, the first signature year and one of the narrative fields: a text that
  // merely says "Titre" or "Contexte" is not an atlas page.
  const bool atlas = fields.count("collectivite partenaire") &&
                     fields.count("annee de premiere signature de la convention") &&
                     (fields.count("thematique d intervention") || fields.count("historique"));
  if (!atlas) return {};
  Record r = MakeRecord(info, 0, 0, text.size());
  r.kind = "partnership";
  r.countries.clear();
  const auto add = [&r](std::string_view value, const std::string& country) {
    if (value.empty()) return;
    const std::string name = ActorName(value);
    r.partners.push_back({name, country, "", "", ActorTypeOf(name)});
    if (std::find(r.countries.begin(), r.countries.end(), country) == r.countries.end()) {
      r.countries.push_back(country);
    }
  };
  add(fields["collectivite francaise"], "France");
  const std::string& pays = fields["pays"];
  add(fields["collectivite partenaire"], pays.empty() ? std::string("Maroc") : CleanTitle(pays));
  if (!fields["titre"].empty()) r.title = CleanTitle(fields["titre"]);
  r.years = ExtractYears(fields["annee de premiere signature de la convention"] + " " +
                         fields["annee de renouvellement officialisation"]);
  r.domains_text = fields["thematique d intervention"];
  r.budgets = ExtractBudgets(text);
  r.passages = SplitPassages(text, r.id);
  r.sources["partners"] = "segmenter:atlas";
  r.sources["years"] = "segmenter:atlas";
  r.sources["title"] = "segmenter:atlas";
  if (r.passages.empty()) return {};
  return {std::move(r)};
}

}  // namespace coop::seg
