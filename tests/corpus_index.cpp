#include "corpus_index.h"

namespace coop::testing {

TempDir* CorpusIndexTest::dir_ = nullptr;
IndexReport CorpusIndexTest::report_;

void CorpusIndexTest::SetUpTestSuite() {
  dir_ = new TempDir;
  report_ = BuildIndex(CorpusDir(), Index(), IndexOptions{});
}

void CorpusIndexTest::TearDownTestSuite() {
  delete dir_;
  dir_ = nullptr;
}

std::string CorpusIndexTest::Index() { return dir_->path() + "/index"; }

const IndexReport& CorpusIndexTest::Report() { return report_; }

}  // namespace coop::testing
