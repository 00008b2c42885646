// A test suite fixture over the real corpus, indexed once per suite (shared by the tests that
// search or read the index of corpus/).
#ifndef COOP_TESTS_CORPUS_INDEX_H_
#define COOP_TESTS_CORPUS_INDEX_H_

#include <gtest/gtest.h>

#include <string>

#include "coop/index_builder.h"
#include "test_util.h"

namespace coop::testing {

/// SetUpTestSuite builds the index of CorpusDir() with BuildIndex into a temporary directory,
/// which TearDownTestSuite removes. A suite that needs more set-up calls these from its own.
/// Index() and Report() are valid between the two. Not thread-safe (gtest runs suites in turn).
class CorpusIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  /// Path of the index (stub file of coop/generations.h).
  static std::string Index();
  /// What BuildIndex reported.
  static const IndexReport& Report();

 private:
  static TempDir* dir_;
  static IndexReport report_;
};

}  // namespace coop::testing

#endif  // COOP_TESTS_CORPUS_INDEX_H_
