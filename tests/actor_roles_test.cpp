// Actor roles (issue 15) on the real corpus: who co-finances, runs or networks each record, as
// hand-checked in the shipped documents, through enrichment, the index, search and actor pages.
#include "coop/actor_roles.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "coop/corpus.h"
#include "coop/enrich.h"
#include "coop/index_builder.h"
#include "coop/query_parser.h"
#include "coop/searcher.h"
#include "corpus_files.h"
#include "corpus_index.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kBelgianCic;
using testing::kGroupePaysMaroc;
using testing::kKsarElKebir;
using testing::kRepertoire;
using testing::kTaroudant;
using Ids = std::set<std::string>;

std::vector<Record> Records(const std::string& file) {
  const Manifest manifest = LoadManifest(testing::CorpusDir() + "/manifest.json");
  return ReadRecords(testing::CorpusDir() + "/" + file, manifest);
}

// Record ids "NNN-rK" (source number and record number) for short expectations.
std::string Short(const std::string& id) { return id.substr(0, 3) + id.substr(id.rfind("-r")); }

// {actor id -> role} of a record's partners and mentions that name an actor.
std::map<std::string, std::string> Roles(const Record& r) {
  std::map<std::string, std::string> out;
  for (const auto* list : {&r.partners, &r.mentions}) {
    for (const Partner& p : *list) {
      if (!p.actor_id.empty()) out.emplace(p.actor_id, p.role);
    }
  }
  return out;
}

std::string Quote(const std::string& file, const std::string& quote) {
  EXPECT_NE(testing::ReadCorpusFile(file).find(quote), std::string::npos) << file << ": " << quote;
  return quote;
}

TEST(ActorRoles, PadMarocCoFinancesThePartnershipsItsFinancingLinesName) {
  // Hand-checked in 001: a "Cofinancement PAD" title or budget line, or "PAD Maroc : 20%" in
  // Franche-Comté / Ouarzazate's financing plan (l.6660). 001 itself counts 11 or 12 projects
  // co-financed (l.130, l.85): 13 partnerships, since Marseille's and Isère's are two projects.
  const Ids expected = {"001-r3",  "001-r13", "001-r14", "001-r21", "001-r29", "001-r30", "001-r32",
                        "001-r33", "001-r35", "001-r36", "001-r38", "001-r39", "001-r43"};
  // Partnerships naming the PAD only as asked for or planned: La Rochelle (l.1540 "demande en
  // cours"), Maxéville (l.2198 "s'intégrerait"), Tours (l.4086 "il faudra ... obtenir"),
  // Nord-Pas de Calais (l.7442 "sollicitation PAD-Maroc envisagée").
  const Ids only_asked = {"001-r12", "001-r15", "001-r27", "001-r42"};
  Ids funded, named;
  for (const Record& r : Records(kRepertoire)) {
    if (r.kind != "partnership") continue;
    std::string text;
    for (const Passage& p : r.passages) text += p.text;
    if (text.find("PAD") != std::string::npos) named.insert(Short(r.id));
    const auto roles = Roles(r);
    if (auto it = roles.find("ma-pad"); it != roles.end()) {
      EXPECT_EQ(it->second, "funder") << r.id;
      funded.insert(Short(r.id));
    }
  }
  EXPECT_EQ(funded, expected);
  for (const std::string& id : only_asked) {
    EXPECT_TRUE(named.count(id)) << id;
    EXPECT_FALSE(funded.count(id)) << id;
  }
}

TEST(ActorRoles, AvcbRunsAndDgdFundsTheTenCicPartnerships) {
  // 004: the whole Morocco budget is "Programme commun - AVCB" (l.2085-2092), every form dates
  // "la relation partenariale avec l'ACNG", and the programme is AVCB's "pour la DGD".
  std::vector<std::string> partnerships;
  for (const Record& r : Records(kBelgianCic)) {
    const auto roles = Roles(r);
    EXPECT_EQ(roles.at("be-brulocalis"), "operator") << r.id;
    EXPECT_EQ(roles.at("be-dgd"), "funder") << r.id;
    if (r.kind != "partnership") continue;
    partnerships.push_back(Short(r.id));
    for (const Partner& p : r.partners) EXPECT_EQ(p.role, "partner") << r.id << " " << p.name;
  }
  EXPECT_EQ(partnerships,
            (std::vector<std::string>{"004-r1", "004-r2", "004-r3", "004-r4", "004-r5", "004-r6",
                                      "004-r7", "004-r8", "004-r9", "004-r10"}));
}

TEST(ActorRoles, JuntaEsanGizAndCufInTheirRoles) {
  const Record ksar = Records(kKsarElKebir).at(0);
  const auto k = Roles(ksar);
  EXPECT_EQ(k.at("ma-commune-ksar-el-kebir"), "partner");
  EXPECT_EQ(k.at("es-junta-andalucia"), "funder");  // l.97-99: "a approuvé des fonds"
  EXPECT_EQ(k.at("es-fondation-esan"), "partner");  // l.680: the accord-cadre's other party
  EXPECT_EQ(k.at("es-consejeria-obras-publicas"), "funder");
  EXPECT_EQ(k.at("es-aeci"), "funder");
  const auto g = Roles(Records(kTaroudant).at(0));
  EXPECT_EQ(g.at("de-giz"), "operator");
  EXPECT_EQ(g.at("ma-commune-taroudant"), "partner");
  EXPECT_EQ(g.at("ma-dgcl"), "partner");
  const auto c = Roles(Records(kGroupePaysMaroc).at(0));
  EXPECT_EQ(c.at("fr-cuf"), "network");
  EXPECT_EQ(c.at("fr-territoires-solidaires"), "network");
  EXPECT_EQ(c.at("fr-touiza-solidarite"), "operator");
  EXPECT_EQ(c.at("fr-afd"), "funder");
  EXPECT_EQ(c.at("ma-commune-marrakech"), "partner");
}

TEST(ActorRoles, MentionsFoundBeforeGetTheirRoleToo) {
  // A record we wrote, in the manner of 001: a partnership whose mentions another rule found.
  Record r;
  r.kind = "partnership";
  r.partners = {{.name = "Ville de Romans"}, {.name = "Commune urbaine de Taroudannt"}};
  r.mentions = {{.name = "PAD Maroc", .actor_id = "ma-pad", .actor_type = "autre"},
                {.name = "Cités Unies France", .actor_id = "fr-cuf", .actor_type = "réseau"}};
  r.passages = {{.text = "Cofinancement PAD : 187 083 €.\nIssu de rencontres entre élus et CUF."}};
  Enricher().Enrich(r);
  const auto roles = Roles(r);
  EXPECT_EQ(roles.at("ma-pad"), "funder");
  EXPECT_EQ(roles.at("fr-cuf"), "network");
  EXPECT_EQ(roles.at("fr-ville-romans-sur-isere"), "partner");
  EXPECT_EQ(r.mentions.size(), 2u);  // no second entry for an actor already mentioned
}

TEST(ActorRoles, CuesOfTheText) {
  const auto cue = [](const std::string& file, const std::string& line, const std::string& name) {
    const std::string l = Quote(file, line);
    const std::size_t at = l.find(name);
    EXPECT_NE(at, std::string::npos) << name;
    return RoleCue(l, at, at + name.size());
  };
  EXPECT_EQ(cue(kRepertoire, "Cofinancement PAD : 994 690 Dhs.", "PAD"), "funder");
  EXPECT_EQ(cue(kRepertoire, "PAD Maroc : 20%", "PAD Maroc"), "funder");
  EXPECT_EQ(cue(kRepertoire, "Etat marocain (INDH) : 10 %", "INDH"), "funder");
  EXPECT_EQ(cue(kRepertoire, "Cofinancement du PAD Maroc (demande en cours).", "PAD Maroc"),
            "pending");
  EXPECT_EQ(cue(kRepertoire, "À définir, sollicitation PAD-Maroc envisagée en 2008.", "PAD"),
            "pending");
  EXPECT_EQ(cue(kGroupePaysMaroc, "avec la région de Tetouan, soutenu par la région PACA et l’AFD.",
                "AFD"),
            "funder");
  EXPECT_EQ(cue(kRepertoire, "Cofinancement Région Rhône-Alpes.", "Région Rhône-Alpes"), "funder");
  // No cue: "opérateur" after the name says nothing of it.
  EXPECT_EQ(cue(kKsarElKebir, "Le Gouvernement Andalou est le principal opérateur décentralisé",
                "Gouvernement Andalou"),
            "");
}

TEST(ActorRoles, MalformedRoleDataIsRefusedWithItsLine) {
  const ReferenceData& data = ReferenceData::Embedded();
  const auto error = [&](const std::string& csv) {
    try {
      ActorRoles roles(csv, data);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("key,role,source\nma-pad,sponsor,s\n"),
            "actor_roles.csv:2: role must be partner, funder, operator or network, not 'sponsor'");
  EXPECT_EQ(error("key,role,source\nma-nowhere,funder,s\n"),
            "actor_roles.csv:2: unknown actor id ma-nowhere");
  EXPECT_EQ(error("key,role,source\nma-pad,funder,s\nma-pad,network,s\n"),
            "actor_roles.csv:3: key ma-pad given twice");
  EXPECT_EQ(error("key,role,source\nma-pad,funder,\n"),
            "actor_roles.csv:2: key and source are required");
  const ActorRoles& roles = ActorRoles::Embedded();
  EXPECT_EQ(roles.DefaultRole("ma-pad", "autre"), "funder");
  EXPECT_EQ(roles.DefaultRole("fr-cuf", "réseau"), "network");
  EXPECT_EQ(roles.DefaultRole("unknown", "commune rurale"), "partner");
  EXPECT_EQ(roles.DefaultRole("unknown", "agence"), "operator");
}

class ActorRoleSearchTest : public testing::CorpusIndexTest {
 protected:
  Ids Search(std::map<std::string, std::vector<std::string>> filters) {
    const SearchResult r = searcher_.Search(SearchRequest{.size = 100, .filters = filters});
    Ids ids;
    for (const SearchHit& h : r.hits) ids.insert(Short(h.record->id));
    EXPECT_EQ(ids.size(), r.total);
    return ids;
  }
  Searcher searcher_{Index()};
};

TEST_F(ActorRoleSearchTest, ActorInARole) {
  // The 13 partnerships above, and the document records that present the PAD as a funder: 000
  // (its cartes d'identité territoriales "à travers le programme PAD MAROC") and 001's parts,
  // of which the PAD is a co-author (manifest actor, in its default role).
  EXPECT_EQ(Search({{"actor", {"PAD Maroc"}}, {"role", {"funder"}}}),
            (Ids{"000-r0", "001-r0", "001-r1", "001-r2", "001-r3", "001-r13", "001-r14", "001-r21",
                 "001-r29", "001-r30", "001-r32", "001-r33", "001-r35", "001-r36", "001-r38",
                 "001-r39", "001-r43", "001-r50", "001-r51"}));
  EXPECT_EQ(Search({{"actor", {"PAD Maroc"}}, {"role", {"partner"}}}), Ids{});
  // AVCB: the ten partnerships and the eleven programme sections of 004, as operator.
  Ids avcb;
  for (int i = 0; i <= 20; ++i) avcb.insert("004-r" + std::to_string(i));
  EXPECT_EQ(Search({{"actor", {"Brulocalis (AVCB)"}}}), avcb);
  EXPECT_EQ(Search({{"actor", {"Brulocalis (AVCB)"}}, {"role", {"operator"}}}), avcb);
  // Région Rhône-Alpes: a partner of Rabat-Salé-Zemmour-Zaër (and so in 001's table of contents
  // and synthesis, which list that partnership), a funder of Vienne / Tiflet ("Cofinancement
  // Région Rhône-Alpes.", twice).
  EXPECT_EQ(Search({{"actor", {"Région Rhône-Alpes"}}, {"role", {"funder"}}}), Ids{"001-r28"});
  EXPECT_EQ(Search({{"actor", {"Région Rhône-Alpes"}}, {"role", {"partner", "funder"}}}),
            (Ids{"001-r0", "001-r28", "001-r44", "001-r50"}));
}

TEST_F(ActorRoleSearchTest, RoleAlone) {
  // Networks: Cités Unies France (001's parts, the Paris / Rabat partnership born of "rencontres
  // entre élus, AIMF et CUF", 002), the associations of French local governments and CGLU (001
  // annexes, 004's theory of change), ANMAR in 000 (l.768 "Fruit de l'adhésion à An mar": the
  // network's own name, which prose writes with a lower-case word).
  EXPECT_EQ(Search({{"role", {"network"}}}), (Ids{"000-r0", "001-r0", "001-r1", "001-r2", "001-r19",
                                                  "001-r50", "001-r51", "002-r0", "004-r12"}));
  const SearchResult all = searcher_.Search(SearchRequest{.size = 1});
  std::map<std::string, std::uint32_t> roles;
  for (const FacetResult& f : all.facets) {
    if (f.name != "role") continue;
    for (const FacetValue& v : f.values) roles[std::string(v.value)] = v.count;
  }
  // Funders include the European Commission of Strasbourg / Fès (001 l.3857 "Financement :
  // Commission Européenne"). Operators include the SIAAP of the Seine-Saint-Denis – Figuig
  // sanitation (001 l.5752 "CG de la Seine-Saint-Denis + SIAAP + Fédération ...").
  EXPECT_EQ(roles, (std::map<std::string, std::uint32_t>{
                       {"partner", 73}, {"funder", 46}, {"operator", 26}, {"network", 9}}));
}

TEST_F(ActorRoleSearchTest, BadRoleIsRefused) {
  try {
    ParseSearchParameters({{"role", {"sponsor"}}});
    FAIL() << "expected a QueryError";
  } catch (const QueryError& e) {
    EXPECT_EQ(std::string(e.what()),
              "role must be partner, funder, operator or network, got 'sponsor'");
  }
}

TEST_F(ActorRoleSearchTest, ActorPageGroupsRecordsByRole) {
  const ActorPage rhone = searcher_.Actor("fr-region-rhone-alpes");
  std::map<std::string, Ids> groups;
  for (const ActorRoleRecords& g : rhone.roles) {
    for (std::size_t i : g.records) groups[g.role].insert(Short(rhone.partnerships.at(i).id));
  }
  EXPECT_EQ(groups, (std::map<std::string, Ids>{{"partner", {"001-r0", "001-r44", "001-r50"}},
                                                {"funder", {"001-r28"}}}));
  ASSERT_EQ(rhone.roles.size(), 2u);
  EXPECT_EQ(rhone.roles[0].role, "partner");  // partner first, then funder
  const ActorPage giz = searcher_.Actor("de-giz");
  ASSERT_EQ(giz.roles.size(), 1u);
  EXPECT_EQ(giz.roles[0].role, "operator");
  EXPECT_EQ(giz.partnerships.size(), 1u);
  EXPECT_EQ(giz.name, "GIZ");
}

}  // namespace
}  // namespace coop
