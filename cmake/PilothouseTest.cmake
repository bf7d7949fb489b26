# SPDX-License-Identifier: GPL-3.0-or-later
# pilothouse_add_test(NAME tst_x SOURCES a.cpp LIBS ph_x [GUI] [LABELS unit])
# GUI tests run on the offscreen platform; every test gets a private HOME and XDG dirs
# under the build tree so nothing touches the user's files.
function(pilothouse_add_test)
    cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE pilothouse_options Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        PILOTHOUSE_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
        PILOTHOUSE_BINARY_DIR="${CMAKE_BINARY_DIR}")
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set(home ${CMAKE_BINARY_DIR}/testhome/${T_NAME})
    set(env "HOME=${home}" "XDG_CONFIG_HOME=${home}/.config"
        "XDG_CACHE_HOME=${home}/.cache" "XDG_STATE_HOME=${home}/.local/state"
        "PILOTHOUSE_SIM=$<TARGET_FILE:pilothouse-sim>" "PILOTHOUSE_CLI=$<TARGET_FILE:pilothouse-cli>")
    if(T_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${T_TIMEOUT}
                         LABELS "${T_LABELS}")
endfunction()
