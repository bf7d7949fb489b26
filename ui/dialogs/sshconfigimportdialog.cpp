// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/sshconfigimportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace ph {

SshConfigImportDialog::SshConfigImportDialog(const QString &configPath,
                                             const QStringList &environments, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_hosts(new QTableWidget(0, ColumnCount, this))
    , m_notes(new QListWidget(this))
    , m_environment(new QComboBox(this))
    , m_import(nullptr)
{
    setObjectName(u"sshConfigImportDialog"_s);
    setWindowTitle(tr("Import hosts from %1").arg(QDir::toNativeSeparators(configPath)));

    m_summary->setObjectName(u"sshConfigSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(configPath)));

    m_hosts->setObjectName(u"sshConfigHosts"_s);
    m_hosts->setHorizontalHeaderLabels(
        {tr("Name"), tr("Address"), tr("Port"), tr("User"), tr("Identity file"), tr("Jump host")});
    m_hosts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_hosts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hosts->verticalHeader()->hide();
    m_hosts->horizontalHeader()->setStretchLastSection(true);

    m_notes->setObjectName(u"sshConfigNotes"_s);
    m_notes->setWordWrap(true);

    m_environment->setObjectName(u"sshConfigEnvironment"_s);
    m_environment->setEditable(true);
    m_environment->setInsertPolicy(QComboBox::NoInsert);
    m_environment->addItem(u"ad-hoc"_s);
    for (const QString &name : environments) {
        if (name != u"ad-hoc"_s)
            m_environment->addItem(name);
    }
    m_environment->setCurrentIndex(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(u"sshConfigImport"_s);
    m_import->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_environment, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        m_import->setEnabled(!m_found.isEmpty() && !text.trimmed().isEmpty());
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Add the hosts to &environment:"), m_environment);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_hosts, 3);
    auto *notesLabel = new QLabel(tr("Not imported, or imported only in part:"), this);
    layout->addWidget(notesLabel);
    layout->addWidget(m_notes, 2);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(900, 560);

    connect(&m_watcher, &QFutureWatcherBase::finished, this,
            [this] { showResult(m_watcher.result()); });
    m_watcher.setFuture(
        QtConcurrent::run([configPath] { return SshConfigImport::importFile(configPath); }));
}

SshConfigImportDialog::~SshConfigImportDialog()
{
    m_watcher.waitForFinished();
}

void SshConfigImportDialog::showResult(const Result<SshConfigImportResult> &result)
{
    if (!result) {
        m_summary->setText(result.error().toString());
        Q_EMIT loaded();
        return;
    }
    m_found = result->hosts;
    m_hosts->setRowCount(int(m_found.size()));
    for (int row = 0; row < m_found.size(); ++row) {
        const Host &h = m_found[row];
        const QStringList cells{h.name,
                                h.address,
                                QString::number(h.port),
                                h.user,
                                QDir::toNativeSeparators(h.identityFile),
                                h.jump};
        for (int column = 0; column < ColumnCount; ++column)
            m_hosts->setItem(row, column, new QTableWidgetItem(cells[column]));
        if (h.user.isEmpty()) {
            // No User line: the session logs in as whoever runs Pilothouse, as ssh does.
            m_hosts->item(row, UserColumn)->setText(tr("(your user)"));
            m_hosts->item(row, UserColumn)
                ->setForeground(palette().color(QPalette::PlaceholderText));
        }
    }
    m_hosts->resizeColumnsToContents();
    for (const SshConfigNote &note : result->notes)
        m_notes->addItem(note.toString());
    if (result->notes.isEmpty())
        m_notes->addItem(tr("Nothing: every line was used."));
    m_summary->setText(m_found.isEmpty()
                           ? tr("No hosts found: the file names no concrete Host alias.")
                           : tr("%n host(s) found.", nullptr, int(m_found.size())));
    m_import->setEnabled(!m_found.isEmpty() && !environment().isEmpty());
    Q_EMIT loaded();
}

QString SshConfigImportDialog::environment() const
{
    return m_environment->currentText().trimmed();
}

QList<Host> SshConfigImportDialog::hosts() const
{
    QList<Host> hosts = m_found;
    const QString env = environment();
    for (Host &h : hosts)
        h.environment = env;
    return hosts;
}

} // namespace ph
