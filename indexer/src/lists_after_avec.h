#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace coop {

/// The byte spans [begin, end) of `line` that list two places or more after "avec" ("cinq projets
/// avec Tétouan, Tanger, Al Hoceïma et Nador"): capitalised names joined by ", " and " et " (with
/// "de", "la", "el", "les", "du" inside a name), up to the first other lower-case word or
/// punctuation. One name after "avec" is no list (it may be a place where something happens).
/// Used by AssignActorRoles (actor_roles.cpp); rule documented in corpus/data/README.md, "Actor
/// roles". Pure; thread-safe.
std::vector<std::pair<std::size_t, std::size_t>> ListsAfterAvec(std::string_view line);

}  // namespace coop
