# SPDX-License-Identifier: GPL-3.0-or-later
# One static library per domain of src/, so a domain builds and tests on its own.
# pilothouse_core (INTERFACE) gathers them; none of them may link Qt Gui or Widgets.
#   pilothouse_add_domain(NAME workspace SOURCES a.cpp b.cpp DEPS ph_base ...)
function(pilothouse_add_domain)
    cmake_parse_arguments(D "" "NAME" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
    set(target ph_${D_NAME})
    add_library(${target} STATIC ${D_SOURCES})
    target_link_libraries(${target} PUBLIC pilothouse_options Qt6::Core ${D_DEPS}
                          PRIVATE ${D_PRIVATE_DEPS})
    set_property(GLOBAL APPEND PROPERTY PILOTHOUSE_DOMAINS ${target})
endfunction()
