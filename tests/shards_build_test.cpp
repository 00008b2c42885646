// Sharded indexes (issue 19, docs/SCALING.md): `build --shards N` puts each source in shard
// Fnv1a64(file name) mod N and lists the shards in the stub; the shards opened together hold
// exactly what one database built from the same corpus holds; `add`, `update` and `remove` write
// only the shards of their sources.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "coop/generations.h"
#include "coop/index_builder.h"
#include "coop/index_reader.h"
#include "coop/schema.h"
#include "exec/index_revision.h"
#include "test_util.h"

namespace coop {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The record ids of `db` with their source ids, as "source/record" strings.
std::set<std::string> RecordsOf(const Xapian::Database& db) {
  std::set<std::string> out;
  const std::string record = schema::Term(schema::kDocType, schema::kDocTypeRecord);
  for (auto it = db.postlist_begin(record); it != db.postlist_end(record); ++it) {
    std::string id, source;
    for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t) {
      const std::string term = *t;
      if (term.rfind(schema::kId, 0) == 0) id = term.substr(schema::kId.size());
      if (term.rfind(schema::kSource, 0) == 0) source = term.substr(schema::kSource.size());
    }
    out.insert(source + "/" + id);
  }
  return out;
}

// Every entry of the spelling table of `db`, with its frequency.
std::map<std::string, Xapian::doccount> Spellings(const Xapian::Database& db) {
  std::map<std::string, Xapian::doccount> out;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out[*it] = it.get_termfreq();
  return out;
}

std::string ShardDir(const std::string& index, std::size_t i) {
  return (fs::path(CurrentDatabaseDir(index)) / ShardName(i)).string();
}

TEST(ShardsBuildTest, Fnv1a64HasThePublishedValues) {
  // Test vectors of the FNV reference (isthe.com/chongo/tech/comp/fnv): "" and "a", "foobar".
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(ShardName(0), "s000");
  EXPECT_EQ(ShardName(12), "s012");
}

TEST(ShardsBuildTest, ShardsHoldWhatOneDatabaseHolds) {
  testing::TempDir dir;
  const std::string one = dir.path() + "/one";
  const IndexReport base = BuildIndex(testing::CorpusDir(), one, {});
  ASSERT_TRUE(base.errors.empty());
  const Xapian::Database single = OpenIndex(one);
  EXPECT_EQ(ShardCount(one), 0u);
  const std::vector<std::string> files = ListSourceFiles(testing::CorpusDir());
  for (std::size_t n : {1, 2, 3}) {
    SCOPED_TRACE("shards " + std::to_string(n));
    const std::string index = dir.path() + "/s" + std::to_string(n);
    IndexOptions options;
    options.shards = n;
    options.jobs = 2;
    const IndexReport report = BuildIndex(testing::CorpusDir(), index, options);
    EXPECT_TRUE(report.errors.empty());
    EXPECT_EQ(report.files, base.files);
    EXPECT_EQ(report.records, base.records);
    EXPECT_EQ(report.passages, base.passages);
    EXPECT_EQ(report.terms, base.terms);
    // The stub: one glass line per shard, in order, then the merged spelling table.
    const std::string gen = "s" + std::to_string(n) + ".d/g000001/";
    std::string expected;
    for (std::size_t i = 0; i < n; ++i) expected += "glass " + gen + ShardName(i) + "\n";
    expected += "# coop:spelling " + gen + "spelling\n";
    EXPECT_EQ(ReadText(index), expected);
    EXPECT_EQ(SpellingDatabasePath(index), dir.path() + "/" + gen + "spelling");
    // It holds the single database's spelling table, frequencies included.
    EXPECT_EQ(Spellings(Xapian::Database(SpellingDatabasePath(index))), Spellings(single));
    EXPECT_EQ(ShardCount(index), n);
    EXPECT_EQ(CurrentGeneration(index), "g000001");
    // Every source is in the shard its hash names, and only there.
    for (std::size_t i = 0; i < n; ++i) {
      const Xapian::Database shard(ShardDir(index, i));
      for (const std::string& f : files) {
        EXPECT_EQ(shard.term_exists(schema::Term(schema::kSource, f)), ShardOf(f, n) == i) << f;
      }
    }
    // Together: the same documents, terms and records as the single database.
    const Xapian::Database multi = OpenIndex(index);
    EXPECT_EQ(multi.size(), n);
    EXPECT_EQ(multi.get_doccount(), single.get_doccount());
    EXPECT_EQ(multi.get_total_length(), single.get_total_length());
    EXPECT_EQ(RecordsOf(multi), RecordsOf(single));
    const IndexStats stats = ReadIndexStats(index);
    EXPECT_EQ(stats.files, files.size());
    EXPECT_EQ(stats.generation, "g000001");
  }
}

// The real corpus built into `index` as 2 shards.
void BuildTwoShards(const std::string& index) {
  IndexOptions options;
  options.shards = 2;
  ASSERT_TRUE(BuildIndex(testing::CorpusDir(), index, options).errors.empty());
}

TEST(ShardsBuildTest, IncrementalCommandsWriteOnlyTheShardsOfTheirSources) {
  testing::TempDir dir;
  const std::string index = dir.path() + "/index";
  ASSERT_NO_FATAL_FAILURE(BuildTwoShards(index));
  const std::vector<std::string> files = ListSourceFiles(testing::CorpusDir());
  // A source of each shard exists in the real corpus (the test would be empty otherwise).
  std::string in0, in1;
  for (const std::string& f : files) (ShardOf(f, 2) == 0 ? in0 : in1) = f;
  ASSERT_FALSE(in0.empty());
  ASSERT_FALSE(in1.empty());
  const Xapian::doccount docs = OpenIndex(index).get_doccount();
  const std::set<std::string> records = RecordsOf(OpenIndex(index));
  const auto revision = [&](std::size_t i) {
    return Xapian::Database(ShardDir(index, i)).get_revision();
  };
  const Xapian::rev r0 = revision(0), r1 = revision(1);

  const IndexReport removed = RemoveSources({in1}, index, {});
  EXPECT_EQ(removed.removed, 1u);
  EXPECT_EQ(revision(0), r0) << "shard 0 holds no removed source";
  EXPECT_GT(revision(1), r1);
  EXPECT_FALSE(OpenIndex(index).term_exists(schema::Term(schema::kSource, in1)));
  EXPECT_EQ(ReadIndexStats(index).files, files.size() - 1);
  // The merged spelling table follows: it is the table of the shards that remain.
  std::map<std::string, Xapian::doccount> remaining;
  for (std::size_t i = 0; i < 2; ++i) {
    for (const auto& [word, freq] : Spellings(Xapian::Database(ShardDir(index, i)))) {
      remaining[word] += freq;
    }
  }
  EXPECT_EQ(Spellings(Xapian::Database(SpellingDatabasePath(index))), remaining);

  const IndexReport added = AddFiles({testing::CorpusDir() + "/" + in1}, index, {});
  EXPECT_EQ(added.files, 1u);
  EXPECT_EQ(revision(0), r0);
  EXPECT_TRUE(Xapian::Database(ShardDir(index, 1)).term_exists(schema::Term(schema::kSource, in1)));
  EXPECT_EQ(OpenIndex(index).get_doccount(), docs);

  // Nothing changed on disk: update rewrites no source of any shard.
  const IndexReport updated = UpdateIndex(testing::CorpusDir(), index, {});
  EXPECT_EQ(updated.unchanged, files.size());
  EXPECT_EQ(updated.files, 0u);
  EXPECT_EQ(RecordsOf(OpenIndex(index)), records);
  EXPECT_EQ(revision(0), r0);

  // An unknown source is reported once, by the shard it would live in.
  const IndexReport unknown = RemoveSources({"absent.txt"}, index, {});
  ASSERT_EQ(unknown.errors.size(), 1u);
  EXPECT_EQ(unknown.errors[0], "absent.txt: no such source in the index");
}

// Local shards have no revision of their own (Xapian 1.4 throws on a multi-database):
// ShardRevisions names each shard's, and searchers share one IndexRevision under it until a
// command commits to a shard.
TEST(ShardsBuildTest, ShardRevisionsKeyTheSharedStateOfLocalShards) {
  testing::TempDir dir;
  const std::string index = dir.path() + "/index";
  ASSERT_NO_FATAL_FAILURE(BuildTwoShards(index));
  const std::string key = ShardRevisions(index);
  const Xapian::Database s0(ShardDir(index, 0)), s1(ShardDir(index, 1));
  EXPECT_EQ(key, s0.get_uuid() + "@" + std::to_string(s0.get_revision()) + " " + s1.get_uuid() +
                     "@" + std::to_string(s1.get_revision()));

  exec::RevisionCache cache;
  const Xapian::Database a = OpenIndex(index), b = OpenIndex(index);
  const auto ra = cache.Get(a, {.shard_revisions = key});
  EXPECT_EQ(cache.Get(b, {.shard_revisions = key}), ra) << "one state for both handles";
  EXPECT_NE(cache.Get(b), ra) << "without the key: built for the caller alone";
  EXPECT_EQ(ra->records().records(), RecordsOf(a).size());

  std::string in1;
  for (const std::string& f : ListSourceFiles(testing::CorpusDir())) {
    if (ShardOf(f, 2) == 1) in1 = f;
  }
  ASSERT_EQ(RemoveSources({in1}, index, {}).removed, 1u);
  const std::string after = ShardRevisions(index);
  EXPECT_NE(after, key);
  EXPECT_EQ(after.substr(0, after.find(' ')), key.substr(0, key.find(' ')))
      << "shard 0 was not written";

  testing::TempDir one;
  ASSERT_TRUE(BuildIndex(testing::CorpusDir(), one.path() + "/index", {}).errors.empty());
  EXPECT_EQ(ShardRevisions(one.path() + "/index"), "") << "an unsharded index";
}

}  // namespace
}  // namespace coop
