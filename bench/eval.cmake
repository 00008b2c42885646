# Benchmarks and relevance evaluation of issue 7 (included from bench/CMakeLists.txt).
# coop-bench-eval: query set resolver and metrics, peer exports; coop_query_bench: in-process
# query latency (Google Benchmark). bench/run drives both; ctest runs only the fast relevance
# check on the x1 corpus (label "relevance").

add_executable(coop-bench-eval
  ${CMAKE_CURRENT_LIST_DIR}/eval_main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eval_set.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eval_filters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eval_peers.cpp)
target_link_libraries(coop-bench-eval PRIVATE coop_searchd coop_indexer coop_analyzers
  Poco::JSON Poco::Foundation ICU::uc ICU::i18n)
coop_warnings(coop-bench-eval)

find_package(benchmark QUIET)
if(benchmark_FOUND)
  add_executable(coop_query_bench ${CMAKE_CURRENT_LIST_DIR}/query_bench.cpp
    ${CMAKE_CURRENT_LIST_DIR}/eval_set.cpp ${CMAKE_CURRENT_LIST_DIR}/eval_filters.cpp)
  target_link_libraries(coop_query_bench PRIVATE coop_searchd coop_indexer coop_analyzers
    benchmark::benchmark Poco::JSON Poco::Foundation ICU::uc ICU::i18n)
  target_include_directories(coop_query_bench PRIVATE ${PROJECT_SOURCE_DIR}/searchd/src)
  coop_warnings(coop_query_bench)
  coop_allocator(coop_query_bench)

  # json_bench (issue 20): one search response written by json_text.h, by RapidJSON's Writer
  # and by coop::JsonWriter (searchd/src/json_writer.h); docs/bench/profile.md, session 7.
  find_package(RapidJSON QUIET)  # Debian rapidjson-dev, header-only
  if(RapidJSON_FOUND)
    add_executable(json_bench ${CMAKE_CURRENT_LIST_DIR}/json_bench.cpp)
    target_include_directories(json_bench PRIVATE ${RAPIDJSON_INCLUDE_DIRS})
    target_link_libraries(json_bench PRIVATE benchmark::benchmark ICU::uc)
    target_compile_definitions(json_bench PRIVATE
      COOP_BENCH_RESPONSES="${CMAKE_CURRENT_LIST_DIR}/responses")
    coop_warnings(json_bench)
    coop_allocator(json_bench)  # the allocator of coop-searchd: the writers allocate
  endif()
endif()

if(COOP_BUILD_TESTS)
  # The query set must keep resolving (each judgment key -> exactly one record), every query
  # must run, and coopsearch's mean nDCG@10 over all queries of the development set must stay at
  # or above a floor. Measured 0.9392 on corpus/ (x1, 88 queries; 0.9311 before respelt queries'
  # runs matched in either number, 0.9224 before the exact runs of index format 6, BM25 b 0.4
  # and questions without proximity boost, 0.9130 before the
  # title and heading field weights of index format 5, 0.8703 before the proximity,
  # number-form, own-stem and question-word ranking of issue 16); the index and the ranking are
  # deterministic, so the slack is not for noise: the floor is issue 16's target (0.93), and a
  # ranking change may trade a little below the measure (one query losing its whole top 10
  # costs 1/88 = 0.011, more than the slack: such a loss fails). The other metrics are printed.
  set(_idx "${CMAKE_CURRENT_BINARY_DIR}/relevance_index")
  add_test(NAME bench_relevance_index
    COMMAND ${CMAKE_COMMAND} -E env
      sh -c "rm -rf '${_idx}' && '$<TARGET_FILE:coop-index>' build '${PROJECT_SOURCE_DIR}/corpus' --index '${_idx}' > /dev/null")
  set_tests_properties(bench_relevance_index PROPERTIES FIXTURES_SETUP bench_relevance
    LABELS relevance TIMEOUT 120)
  add_test(NAME bench_relevance
    COMMAND coop-bench-eval score --coop --index ${_idx}
      --queries ${PROJECT_SOURCE_DIR}/bench/queries/queries.json --min-ndcg 0.93)
  set_tests_properties(bench_relevance PROPERTIES FIXTURES_REQUIRED bench_relevance
    LABELS relevance TIMEOUT 120)
endif()
