// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/knownhostspage.h"

#include "core/paths.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QTableWidget *makeTable(QWidget *parent, const QString &name)
{
    auto *table = new QTableWidget(0, KnownHostsPage::ColumnCount, parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels({KnownHostsPage::tr("Host"), KnownHostsPage::tr("Port"),
                                      KnownHostsPage::tr("Key type"),
                                      KnownHostsPage::tr("Fingerprint")});
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(KnownHostsPage::FingerprintColumn,
                                                    QHeaderView::Stretch);
    return table;
}

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    label->setPalette(pal);
    label->hide();
    return label;
}

} // namespace

KnownHostsPage::KnownHostsPage(const QString &consoleFile, const QString &userFile, QWidget *parent)
    : QWidget(parent)
    , m_consoleFile(consoleFile)
    , m_userFile(userFile)
    , m_consoleTable(makeTable(this, u"consoleKnownHosts"_s))
    , m_consoleError(makeErrorLabel(this))
    , m_confirmLabel(new QLabel(this))
    , m_confirm(new QLineEdit(this))
    , m_remove(new QPushButton(tr("&Forget host key"), this))
    , m_status(new QLabel(this))
    , m_userTable(makeTable(this, u"userKnownHosts"_s))
    , m_userError(makeErrorLabel(this))
    , m_command(new QLineEdit(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_commandHint(new QLabel(this))
{
    setObjectName(u"knownHostsPage"_s);

    auto *own = new QGroupBox(
        tr("Pilothouse's known hosts — %1").arg(QDir::toNativeSeparators(consoleFile)), this);
    auto *ownLayout = new QVBoxLayout(own);
    ownLayout->addWidget(m_consoleTable, 1);
    ownLayout->addWidget(m_consoleError);
    m_confirmLabel->setObjectName(u"removeConfirmLabel"_s);
    m_confirmLabel->setWordWrap(true);
    m_confirmLabel->setText(tr("Select a host key to forget it."));
    m_confirm->setObjectName(u"removeConfirmName"_s);
    m_confirm->setEnabled(false);
    m_remove->setObjectName(u"removeHostKey"_s);
    m_remove->setEnabled(false);
    // Enter in the name field must never forget a key by itself.
    m_remove->setAutoDefault(false);
    auto *confirmRow = new QHBoxLayout;
    confirmRow->addWidget(m_confirm, 1);
    confirmRow->addWidget(m_remove);
    ownLayout->addWidget(m_confirmLabel);
    ownLayout->addLayout(confirmRow);
    m_status->setObjectName(u"knownHostsStatus"_s);
    m_status->setWordWrap(true);
    ownLayout->addWidget(m_status);

    auto *theirs = new QGroupBox(
        tr("OpenSSH's known hosts (read-only) — %1").arg(QDir::toNativeSeparators(userFile)), this);
    auto *theirLayout = new QVBoxLayout(theirs);
    theirLayout->addWidget(m_userTable, 1);
    theirLayout->addWidget(m_userError);
    auto *explain = new QLabel(tr("Pilothouse never edits this file. To remove an entry, run "
                                  "this command in a terminal:"),
                               theirs);
    explain->setWordWrap(true);
    theirLayout->addWidget(explain);
    m_command->setObjectName(u"keygenCommand"_s);
    m_command->setReadOnly(true);
    m_command->setPlaceholderText(tr("Select an entry"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_command->setFont(mono);
    m_copy->setObjectName(u"copyKeygenCommand"_s);
    m_copy->setEnabled(false);
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(m_copy);
    theirLayout->addLayout(commandRow);
    m_commandHint->setObjectName(u"keygenHint"_s);
    m_commandHint->setWordWrap(true);
    m_commandHint->hide();
    theirLayout->addWidget(m_commandHint);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(own, 1);
    layout->addWidget(theirs, 1);

    connect(m_consoleTable, &QTableWidget::itemSelectionChanged, this,
            &KnownHostsPage::consoleSelectionChanged);
    connect(m_userTable, &QTableWidget::itemSelectionChanged, this,
            &KnownHostsPage::userSelectionChanged);
    connect(m_confirm, &QLineEdit::textChanged, this, &KnownHostsPage::updateRemoveButton);
    connect(m_remove, &QPushButton::clicked, this, &KnownHostsPage::removeSelected);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_command->text()); });
    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this,
            [this] { showLists(m_loadWatcher.result()); });
    connect(&m_removeWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<int> removed = m_removeWatcher.result();
        QString error;
        if (!removed) {
            error = removed.error().toString();
            m_status->setText(error);
        } else {
            m_status->setText(tr("Forgot the host key of %1. The next connection asks again.")
                                  .arg(KnownHosts::hostName(m_removingHost, m_removingPort)));
        }
        Q_EMIT removeFinished(m_removingHost, m_removingPort, error);
        reload();
    });

    reload();
}

KnownHostsPage::~KnownHostsPage()
{
    m_loadWatcher.waitForFinished();
    m_removeWatcher.waitForFinished();
}

QString KnownHostsPage::defaultConsoleFile()
{
    return paths::dataDir() + u"/known_hosts"_s;
}

QString KnownHostsPage::defaultUserFile()
{
    return QDir::homePath() + u"/.ssh/known_hosts"_s;
}

void KnownHostsPage::reload()
{
    const QString console = m_consoleFile;
    const QString user = m_userFile;
    m_loadWatcher.setFuture(QtConcurrent::run([console, user] {
        return Lists{KnownHosts::list(console), KnownHosts::list(user)};
    }));
}

void KnownHostsPage::showLists(const Lists &lists)
{
    m_consoleEntries = lists.console ? *lists.console : QList<KnownHostEntry>{};
    m_userEntries = lists.user ? *lists.user : QList<KnownHostEntry>{};
    fill(m_consoleTable, lists.console, m_consoleError);
    fill(m_userTable, lists.user, m_userError);
    consoleSelectionChanged();
    userSelectionChanged();
    Q_EMIT loaded();
}

void KnownHostsPage::fill(QTableWidget *table, const Result<QList<KnownHostEntry>> &entries,
                          QLabel *error)
{
    const QSignalBlocker block(table);
    table->clearContents();
    table->setRowCount(0);
    error->setVisible(!entries);
    if (!entries) {
        error->setText(entries.error().toString());
        return;
    }
    table->setRowCount(int(entries->size()));
    for (int row = 0; row < entries->size(); ++row) {
        const KnownHostEntry &e = entries->at(row);
        QString host = e.hashed ? tr("hashed") : e.host;
        if (!e.marker.isEmpty())
            host = e.marker + u' ' + host;
        const QStringList cells{host, e.hashed ? QString() : QString::number(e.port), e.key.type,
                                e.key.fingerprint()};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(tr("%1, line %2: %3")
                                 .arg(QDir::toNativeSeparators(e.file))
                                 .arg(e.line)
                                 .arg(e.patterns));
            table->setItem(row, column, item);
        }
    }
    table->resizeColumnsToContents();
}

const KnownHostEntry *KnownHostsPage::selected(QTableWidget *table,
                                               const QList<KnownHostEntry> &entries) const
{
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const int row = rows.constFirst().row();
    return row >= 0 && row < entries.size() ? &entries[row] : nullptr;
}

void KnownHostsPage::consoleSelectionChanged()
{
    m_confirm->clear();
    const KnownHostEntry *e = selected(m_consoleTable, m_consoleEntries);
    m_confirm->setEnabled(e && !e->hashed && e->marker.isEmpty());
    if (!e) {
        m_confirmLabel->setText(tr("Select a host key to forget it."));
    } else if (e->hashed || !e->marker.isEmpty()) {
        m_confirmLabel->setText(tr("This entry cannot be forgotten here; edit line %1 of the "
                                   "file.")
                                    .arg(e->line));
    } else {
        m_confirmLabel->setText(
            tr("To forget the key of %1, type the host name <b>%2</b>. Pilothouse then asks "
               "you to check the key again on the next connection.")
                .arg(KnownHosts::hostName(e->host, e->port).toHtmlEscaped(),
                     e->host.toHtmlEscaped()));
        m_confirm->setPlaceholderText(e->host);
    }
    updateRemoveButton();
}

void KnownHostsPage::updateRemoveButton()
{
    const KnownHostEntry *e = selected(m_consoleTable, m_consoleEntries);
    m_remove->setEnabled(e && m_confirm->isEnabled() && m_confirm->text() == e->host &&
                         !m_removeWatcher.isRunning());
}

void KnownHostsPage::removeSelected()
{
    const KnownHostEntry *e = selected(m_consoleTable, m_consoleEntries);
    if (!e || m_confirm->text() != e->host)
        return;
    m_removingHost = e->host;
    m_removingPort = e->port;
    m_remove->setEnabled(false);
    const QString file = m_consoleFile;
    const QString host = e->host;
    const int port = e->port;
    m_removeWatcher.setFuture(
        QtConcurrent::run([file, host, port] { return KnownHosts::remove(file, host, port); }));
}

void KnownHostsPage::userSelectionChanged()
{
    const KnownHostEntry *e = selected(m_userTable, m_userEntries);
    m_copy->setEnabled(e != nullptr);
    m_commandHint->setVisible(e && e->hashed);
    if (!e) {
        m_command->clear();
        return;
    }
    if (e->hashed) {
        // The name cannot be read back from a hash; the user knows which host it was.
        m_command->setText(u"ssh-keygen -R HOST"_s);
        m_commandHint->setText(tr("This entry's host name is hashed. Put the host you connect "
                                  "to in place of HOST, written \"[HOST]:PORT\" when the port "
                                  "is not 22. ssh-keygen -F HOST shows whether it matches."));
        return;
    }
    m_command->setText(KnownHosts::keygenRemoveCommand(e->host, e->port));
}

} // namespace ph
