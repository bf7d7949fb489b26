// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

namespace ph {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Pilothouse"));
}

} // namespace ph
