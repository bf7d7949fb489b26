// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// FakeNotifier lives next to the interface it fakes; this header lets tests name it.
#include "notify/notifier.h"
