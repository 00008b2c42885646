// Role cues (issue 15): RoleCue and RoleCueFor (coop/actor_roles.h), the phrases of a line
// that give the actor they precede (or follow, with an amount) a role.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "coop/actor_roles.h"
#include "coop/fold.h"

namespace coop {
namespace {
// A cue further than this before a name (folded bytes) speaks of something else: paragraphs of
// the repertoire are single lines of several hundred bytes.
constexpr std::size_t kCueWindow = 80;

// Cue phrases and the role each announces, as written (folded at first use). Read off the
// shipped documents: 001's "Cofinancement PAD", "Financement", "crédits du Ministère";
// 002's "soutenu par la région PACA et l'AFD", "met en œuvre"; 001 l.6432 "pour le compte de";
// the Belgian programme's communes "financé par la DGD par l'intermédiaire de l'AVCB", which
// runs it (004 l.7: "AVCB / Brulocalis, pour la DGD").
// How a cue's role combines with the actor's default role (ActorRoles::DefaultRole):
// kPlain gives the cue's role; kSupport ("avec l'appui de", "avec le soutien de") gives the
// default role of an operator or network, which supports by doing the work (the Institut
// Eco-Conseil "avec l'appui de" which a commune manages its waste), else the cue's; kFrame ("dans
// le cadre du") gives the default role of a funder, operator or network (a programme frames the
// work it funds: 001's "dans le cadre du PAD"), and nothing to a collectivity ("dans le cadre du
// jumelage avec la commune de X" says nothing of X's role).
enum class CueKind { kPlain, kSupport, kFrame };
struct Cue {
  std::string_view phrase;
  std::string_view role;
  CueKind kind = CueKind::kPlain;
};
constexpr Cue kCues[] = {
    {"cofinancement", "funder"},
    {"co-financement", "funder"},
    {"cofinancé", "funder"},
    {"co-financé", "funder"},
    {"cofinancer", "funder"},
    {"co-financer", "funder"},
    {"financement", "funder"},
    {"financé par", "funder"},
    {"financée par", "funder"},
    {"financés par", "funder"},
    {"avec le soutien", "funder", CueKind::kSupport},
    {"soutien financier", "funder"},
    {"avec l'appui", "funder", CueKind::kSupport},
    {"dans le cadre du", "funder", CueKind::kFrame},
    {"soutenu par", "funder"},
    {"soutenue par", "funder"},
    {"subvention", "funder"},
    {"fonds de solidarité", "funder"},
    {"bailleur", "funder"},
    {"crédits du", "funder"},
    {"mis en œuvre par", "operator"},
    {"mise en œuvre par", "operator"},
    {"opérateur", "operator"},
    {"pour le compte", "operator"},
    {"par l'intermédiaire", "operator"},
    {"maître d'œuvre", "operator"},
    {"coordonné par", "operator"},
    {"piloté par", "operator"},
    // The parties of an agreement ("les accords signés en août entre le Grand Port Maritime
    // de Marseille-Fos, l'Agence nationale des ports et l'Agence spéciale Tanger Med").
    {"accords signés", "partner"},
    {"accord signé", "partner"},
    {"conventions signées", "partner"},
    {"convention signée", "partner"},
    {"membre du réseau", "network"},
    {"adhésion au réseau", "network"},
};
// Words of a line that asks for or plans a role the text does not yet give: 001 l.1540
// "Cofinancement du PAD Maroc (demande en cours)", l.7442 "sollicitation PAD-Maroc envisagée",
// l.4086 "il faudra très certainement obtenir l'aide de PAD Maroc", l.2198 "ce projet
// s'intégrerait dans le cadre du PAD", l.253 "l'Agence Française de Développement s'est
// intéressée à cette coopération", l.3425 "Cofinancement souhaité : ... MAE".
constexpr std::string_view kPending[] = {
    "demande en cours", "sollicitation", "envisagé",   "envisagée", "il faudra", "à proposer",
    "s'intégrerait",    "intéressé",     "intéressée", "souhaité",  "souhaitée"};

std::string Folded(std::string_view s) { return Fold(s, kKeyFold); }

struct FoldedCues {
  std::vector<std::pair<std::string, const Cue*>> cues;
  std::vector<std::string> pending;
};

const FoldedCues& Cues() {
  static const FoldedCues c = [] {
    FoldedCues out;
    for (const Cue& cue : kCues) out.cues.emplace_back(Folded(cue.phrase), &cue);
    for (std::string_view p : kPending) out.pending.push_back(Folded(p));
    return out;
  }();
  return c;
}

// Where `folded` holds `phrase` from a word start on, or npos. A phrase may end inside a word:
// "cofinancement" also opens "cofinancements", "envisagé" "envisagés".
std::size_t FindWords(std::string_view folded, std::string_view phrase, std::size_t from = 0) {
  for (std::size_t at = folded.find(phrase, from); at != std::string_view::npos;
       at = folded.find(phrase, at + 1)) {
    if (at == 0 || folded[at - 1] == ' ') return at;
  }
  return std::string_view::npos;
}

}  // namespace

std::string RoleCue(std::string_view line, std::size_t begin, std::size_t end) {
  return RoleCueFor(line, begin, end, "");
}

std::string RoleCueFor(std::string_view line, std::size_t begin, std::size_t end,
                       std::string_view default_role) {
  const FoldedCues& cues = Cues();
  const std::string whole = Folded(line);
  for (const std::string& p : cues.pending) {
    if (FindWords(whole, p) != std::string::npos) return "pending";
  }
  // The nearest cue before the name, within the window and its sentence ("... cofinancé par
  // l'Union européenne (FEDER). Y participent aussi le Réseau ...": the network funds nothing).
  std::string_view head = line.substr(0, std::min(begin, line.size()));
  if (const std::size_t stop = head.rfind(". "); stop != std::string_view::npos)
    head.remove_prefix(stop + 2);
  const std::string before = Folded(head);
  std::size_t best = std::string::npos;
  const Cue* nearest = nullptr;
  for (const auto& [phrase, cue] : cues.cues) {
    for (std::size_t at = FindWords(before, phrase); at != std::string::npos;
         at = FindWords(before, phrase, at + 1)) {
      // "financé par le ministère X (France) et par le ministère Y (Direction ...)": a cue
      // carries over the coordinated agents of its verb, so the window starts again at the
      // last "et par" / "ainsi que par" after it.
      std::size_t origin = at;
      static const std::string kMore[] = {Folded("et par") + " ", Folded("ainsi que par") + " "};
      // ... and the parties of "accords signés entre A, B et C" are a list.
      static const std::string kParties[] = {Folded("et") + " ", Folded("l") + " "};
      if (cue->role == "partner") {
        for (const std::string& more : kParties) {
          for (std::size_t c = FindWords(before, more, at + phrase.size()); c != std::string::npos;
               c = FindWords(before, more, c + 1)) {
            origin = std::max(origin, c);
          }
        }
      }
      for (const std::string& more : kMore) {
        for (std::size_t c = FindWords(before, more, at + phrase.size()); c != std::string::npos;
             c = FindWords(before, more, c + 1)) {
          origin = std::max(origin, c);
        }
      }
      if (before.size() - origin > kCueWindow + (origin == at ? phrase.size() : 0)) continue;
      if (best == std::string::npos || at > best) {
        best = at;
        nearest = cue;
      }
    }
  }
  // "La subvention, versée au FAMSI": the name receives what the cue speaks of.
  if (nearest != nullptr) {
    const std::string between = before.substr(best);
    for (std::string_view to : {"versee au", "versee a ", "verse au", "versees au", "verses au",
                                "accordee au", "attribuee au", "au profit d", "destinee au"}) {
      if (between.find(to) != std::string::npos) return "";
    }
  }
  if (nearest != nullptr) {
    const bool doer = default_role == "operator" || default_role == "network";
    switch (nearest->kind) {
      case CueKind::kPlain:
        return std::string(nearest->role);
      case CueKind::kSupport:
        return std::string(doer ? default_role : nearest->role);
      case CueKind::kFrame:
        if (doer || default_role == "funder") return std::string(default_role);
        if (default_role.empty()) return std::string(nearest->role);
        return "";
    }
  }
  // "PAD Maroc : 20%", "Etat marocain (INDH) : 10 %": a share or amount of a financing plan.
  std::size_t i = std::min(end, line.size());
  while (i < line.size() && (line[i] == ' ' || line[i] == ')')) ++i;
  // "La Diputación de Cádiz consacre 20 000 euros aux ...": a verb of giving and an amount.
  {
    std::string_view rest = line.substr(i, 40);
    if (const std::size_t stop = rest.find(". "); stop != std::string_view::npos)
      rest = rest.substr(0, stop);
    const std::string after = Folded(rest);
    for (std::string_view verb : {"apporte ", "apportera ", "consacre ", "consacrera ", "verse ",
                                  "versera ", "alloue ", "octroie ", "finance ", "financera "}) {
      if (after.starts_with(verb) &&
          std::any_of(after.begin() + static_cast<std::ptrdiff_t>(verb.size()), after.end(),
                      [](char ch) { return ch >= '0' && ch <= '9'; }))
        return "funder";
    }
  }
  if (i < line.size() && line[i] == ':') {
    ++i;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) return "funder";
  }
  return "";
}

}  // namespace coop
