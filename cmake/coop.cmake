# Helpers shared by every component.

# coop_warnings(target): strict warnings for project code (errors unless COOP_WERROR=OFF).
function(coop_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    # Aggregates with default member initializers (options structs) are meant to be partially
    # initialised with designated initializers.
    -Wno-missing-field-initializers
    # GCC 12 reports false -Wrestrict positives inside std::string at -O2 (GCC bug 105329).
    -Wno-restrict)
  if(COOP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# coop_allocator(target): links executable TARGET with tcmalloc when COOP_TCMALLOC is on (see
# the top-level CMakeLists.txt); a no-op otherwise.
function(coop_allocator target)
  if(TARGET PkgConfig::TCMALLOC)
    target_link_libraries(${target} PRIVATE PkgConfig::TCMALLOC)
  endif()
endfunction()

# coop_embed(target symbol file): compiles FILE into TARGET as
#   extern const std::string_view symbol;
# so that data files (web page, stopwords, variants) ship inside the binaries and need no install path.
function(coop_embed target symbol file)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed.cmake"
    DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/embed.cmake"
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
