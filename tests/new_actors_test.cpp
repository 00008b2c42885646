// Actors of new reports (issue 15): organisations named by the head word of their name, the roles
// the text gives them, the actors of minutes found by structure, and programmes whose
// partnerships are headed sections; on short texts we wrote in the manner of the development set
// (tests/data/new_reports) and on its files.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "coop/corpus.h"
#include "coop/enrich.h"
#include "coop/segmenter.h"
#include "test_util.h"

namespace coop {
namespace {

using Strings = std::vector<std::string>;

// A file of the development set, read through the corpus folder (tests/data/new_reports).
std::string NewReport(const std::string& name) {
  return testing::ReadCorpusFile(
      (std::filesystem::path("..") / "tests" / "data" / "new_reports" / name).string());
}

const Enricher& TheEnricher() {
  static const Enricher e;
  return e;
}

TEST(Organisations, NamesFromTheirHeadWordToTheirLastCapitalisedWord) {
  const struct {
    const char* text;
    Strings found;  // "name|type|role"
  } cases[] = {
      {"Partenaires : Agence Verseau Développement ; Agence hydraulique du bassin du "
       "Souss-Massa-Drâa",
       {"Agence Verseau Développement|agence|operator",
        "Agence hydraulique du bassin du Souss-Massa-Drâa|agence|operator"}},
      {"avec l'Université de Jaén et l'Université Pablo de Olavide.",
       {"Université de Jaén|établissement|operator",
        "Université Pablo de Olavide|établissement|operator"}},
      {"le CHU de Lille a accompagné la création du centre d'oncologie.",
       {"CHU de Lille|établissement|operator"}},
      {"membre du Réseau des villes stratégiques du nord du Maroc (RADEUT).",
       {"Réseau des villes stratégiques du nord du Maroc|réseau|network"}},
      {"porté par la Fondation Trois Cultures de la Méditerranée, créée en 1998.",
       {"Fondation Trois Cultures de la Méditerranée|fondation|operator"}},
      // A head word with no name after it, or only lower-case words.
      {"L'Association a organisé une fête ; la fondation locale aussi.", {}},
      // A number, a line break, " - " and another head word end a name.
      {"Association Tiflet Al Maamora 46 Av. Mohammed V",
       {"Association Tiflet Al "
        "Maamora|association|operator"}},
      {"Association Crysalis\nANPE Missions locales",
       {"Association Crysalis|association|operator"}},
      {"Université de Bourgogne - Université de Marrakech",
       {"Université de Bourgogne|établissement|operator",
        "Université de Marrakech|établissement|operator"}},
      {"Association Tétraktys Association de la Vie",
       {"Association Tétraktys|association|operator",
        "Association de la Vie|association|operator"}},
      // A lower-case common noun before the proper name (001 l.2338 "l'association Hawd
      // Assafi"); a place after it tells where the association is, not its name.
      {"en coordination avec l'association Hawd Assafi.",
       {"association Hawd Assafi|association|operator"}},
      {"avec l'association Migrations & Développement (2006-2007).",
       {"association Migrations & Développement|association|operator"}},
      {"l'association des diabétiques de Figuig.", {}},
  };
  for (const auto& c : cases) {
    Strings got;
    for (const OrganisationMention& m : TheEnricher().Organisations(c.text)) {
      got.push_back(m.name + "|" + m.type + "|" + m.role);
      EXPECT_EQ(std::string(c.text).substr(m.begin, m.end - m.begin), m.name) << c.text;
    }
    EXPECT_EQ(got, c.found) << c.text;
  }
}

TEST(Organisations, APluralHeadListsOneOrganisationPerName) {
  // A person's name takes no "de"; a place keeps the first item's ("de Jaén et Séville").
  const struct {
    const char* text;
    Strings found;  // "name|type|role|text of its span"
  } cases[] = {
      {"Y participent aussi les universités de Jaén et Pablo de Olavide.",
       {"Université de Jaén|établissement|operator|Jaén",
        "Université Pablo de Olavide|établissement|operator|Pablo de Olavide"}},
      {"avec les universités de Grenade et Séville.",
       {"Université de Grenade|établissement|operator|Grenade",
        "Université de Séville|établissement|operator|Séville"}},
      {"les associations d'Oujda et de Berkane",
       {"Association d'Oujda|association|operator|Oujda",
        "Association de Berkane|association|operator|Berkane"}},
      // One name is no list.
      {"les universités de Jaén ont signé.", {}},
  };
  for (const auto& c : cases) {
    Strings got;
    for (const OrganisationMention& m : TheEnricher().Organisations(c.text)) {
      got.push_back(m.name + "|" + m.type + "|" + m.role + "|" +
                    std::string(c.text).substr(m.begin, m.end - m.begin));
    }
    EXPECT_EQ(got, c.found) << c.text;
  }
}

// "name|role" of every actor of a record, partners first.
Strings Actors(const Record& r) {
  Strings out;
  for (const auto* list : {&r.partners, &r.mentions}) {
    for (const Partner& p : *list) {
      out.push_back((p.actor_name.empty() ? p.name : p.actor_name) + "|" + p.role);
    }
  }
  return out;
}

Record TextRecord(const std::string& file, const std::string& text) {
  std::vector<Record> records = SegmentDocument(DefaultSourceInfo(file, text), text);
  EXPECT_EQ(records.size(), 1u) << file;
  if (records.empty()) return {};
  TheEnricher().Enrich(records[0]);
  return records[0];
}

TEST(NewReportActors, OrganisationsAndListedActorsInTheirRoles) {
  // Auderghem's page (tests/data/new_reports): the DGD funds, AVCB runs "par l'intermédiaire",
  // and the long name of AVCB is the listed actor, not an "Association de la Ville" of its own.
  const Record page = TextRecord(
      "page.txt",
      "Auderghem et Amerzgane\n\nLe partenariat entre la commune d'Auderghem et la commune rurale "
      "d'Amerzgane (province de Ouarzazate, Maroc) est financé par la Direction générale "
      "Coopération au développement (DGD) par l'intermédiaire de l'Association de la Ville et "
      "des Communes de la Région de Bruxelles-Capitale.\n");
  EXPECT_EQ(page.kind, "partnership");
  EXPECT_EQ(Actors(page), (Strings{"Auderghem|partner", "Amerzgane|partner",
                                   "Direction générale Coopération au développement|funder",
                                   "Brulocalis (AVCB)|operator"}));
  // An actor-list name of several words whatever its inner case; an organisation by its head
  // word; a funder a partnership only names, without a financing cue, is left out.
  const Record atlas = TextRecord(
      "fiche.txt",
      "Bordeaux – Casablanca\n\nCommission nationale de la coopération décentralisée\n\nLe "
      "jumelage entre Bordeaux et Casablanca date de 1988. La Bibliothèque Mériadeck accueille "
      "des agents de la médiathèque casablancaise. Le Ministère de la Jeunesse a visité le "
      "projet.\n");
  EXPECT_EQ(atlas.kind, "partnership");
  EXPECT_EQ(Actors(atlas),
            (Strings{"Bordeaux|partner", "Casablanca|partner", "Bibliothèque Mériadeck|operator",
                     "Commission Nationale de la Coopération Décentralisée|network"}));
}

TEST(NewReportActors, FundersOfADocumentByCueAcrossWrappedLinesAndCoordination) {
  // "et par" carries the cue to the next agent and to the directorate in parentheses; a
  // hard-wrapped sentence is one line; a collectivity a document names as a funder is an actor.
  const Record note = TextRecord(
      "note.txt",
      "Note sur les fonds de cofinancement\n\nLe dispositif est financé par le ministère des "
      "Affaires étrangères (France) et par le ministère de l'Intérieur du Maroc (Direction "
      "générale des collectivités locales).\nLes projets des communes flamandes sont financés "
      "par\nla Région flamande.\n");
  EXPECT_EQ(note.kind, "document");
  EXPECT_EQ(Actors(note), (Strings{"Ministère des Affaires étrangères (France)|funder",
                                   "Ministère de l'Intérieur (Maroc)|funder",
                                   "Direction Générale des Collectivités Locales|funder",
                                   "Région flamande|funder"}));
}

TEST(NewReportActors, MinutesHaveNoPartnersTheirNetworkIsAMention) {
  const Record minutes = TextRecord("releve.txt", NewReport("CUF_GP-Maroc_releve_janv2011.txt"));
  EXPECT_EQ(minutes.kind, "document");
  EXPECT_TRUE(minutes.partners.empty());
  ASSERT_FALSE(minutes.mentions.empty());
  EXPECT_EQ(minutes.mentions[0].actor_id, "fr-cuf");
  EXPECT_EQ(minutes.mentions[0].role, "network");
  EXPECT_EQ(minutes.sources.at("mentions"), "pattern");
}

TEST(ProgrammeSections, OnePartnershipPerSectionWithItsSides) {
  const std::string text =
      "# Programme de coopération communale 2008-2012\n\nLa VVSG suit les partenariats.\n\n"
      "### Hasselt – Missour\n\n- Commune belge : Ville de Hasselt (province de Limbourg)\n"
      "- Communes marocaines : communes urbaines de Missour et d'Outat Oulad El Haj, province de "
      "Boulemane\n- Objectifs : tourisme durable.\n\n"
      "### Malines – Nador\n\n- Commune belge : Ville de Malines\n"
      "- Commune marocaine : commune urbaine de Nador, province de Nador\n\n---\n*Note de "
      "travail.*\n";
  const std::vector<Record> records =
      SegmentDocument(DefaultSourceInfo("programme.md", text), text);
  ASSERT_EQ(records.size(), 4u);
  Strings got;
  for (const Record& r : records) {
    std::string line = r.kind + "|" + r.title + "|";
    for (const Partner& p : r.partners) line += p.name + " (" + p.country + ");";
    line += "|" + std::to_string(r.years.size() == 2 ? r.years[0] * 10000 + r.years[1] : 0);
    got.push_back(line);
    EXPECT_EQ(r.style, "programme");
  }
  EXPECT_EQ(got, (Strings{
                     "document|Programme de coopération communale 2008-2012||20082012",
                     "partnership|Hasselt – Missour|Ville de Hasselt (Belgique);commune urbaine "
                     "de Missour (Maroc);commune urbaine d'Outat Oulad El Haj (Maroc);|20082012",
                     "partnership|Malines – Nador|Ville de Malines (Belgique);commune urbaine de "
                     "Nador (Maroc);|20082012",
                     "document|Note de travail.||20082012",
                 }));
  // One section only, or sections with one side: no programme of this structure.
  EXPECT_TRUE(seg::SegmentProgrammeSections(DefaultSourceInfo("one.md", text),
                                            text.substr(0, text.find("### Malines")))
                  .empty());
}

TEST(ProgrammeSections, TheVvsgExcerptGivesItsTwoPartnerships) {
  const std::string text = NewReport("vvsg_programme-federal_2008-2012_maroc.md");
  std::vector<Record> records = SegmentDocument(DefaultSourceInfo("vvsg.md", text), text);
  Strings kinds;
  for (Record& r : records) {
    TheEnricher().Enrich(r);
    kinds.push_back(r.kind + "|" + r.title);
  }
  EXPECT_EQ(kinds,
            (Strings{"document|Programme fédéral de coopération internationale communale "
                     "2008-2012 — volet flamand (VVSG)",
                     "partnership|Hasselt – Missour et Outat El Haj", "partnership|Malines – Nador",
                     "document|Document de travail, réunion Maroc des communes belges (AVCB / "
                     "UVCW / VVSG). 2 pages."}));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[2].cities, (Strings{"Malines", "Nador"}));
  EXPECT_TRUE(records[1].mentions.empty());
}

}  // namespace
}  // namespace coop
