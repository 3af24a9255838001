# tfts_warnings(target): the project's warning set, -Werror when TFTS_WERROR is on.
function(tfts_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wpedantic)
  if(TFTS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
