// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace ph {

class Console;
class MainWindow;

/// Connects a Console to the window: workspace, environment, results, uptime, errors.
class ConsoleWindowBinder : public QObject
{
    Q_OBJECT
public:
    ConsoleWindowBinder(Console *console, MainWindow *window);
};

} // namespace ph
