// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logging.h"

Q_LOGGING_CATEGORY(lcWorkspace, "pilothouse.workspace", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "pilothouse.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "pilothouse.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProbes, "pilothouse.probes", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSim, "pilothouse.sim", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNotify, "pilothouse.notify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSsh, "pilothouse.ssh", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "pilothouse.ui", QtInfoMsg)
