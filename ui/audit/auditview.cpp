// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/audit/auditview.h"

#include "audit/sealkey.h"
#include "storage/database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int kSeqRole = Qt::UserRole + 1;

const AuditKind kKinds[] = {AuditKind::Command, AuditKind::Confirmation, AuditKind::Refusal,
                            AuditKind::HostKey, AuditKind::Checklist,    AuditKind::Incident};

QString kindLabel(AuditKind kind)
{
    switch (kind) {
    case AuditKind::Command:
        return AuditView::tr("Command");
    case AuditKind::Confirmation:
        return AuditView::tr("Confirmation");
    case AuditKind::Refusal:
        return AuditView::tr("Refusal");
    case AuditKind::HostKey:
        return AuditView::tr("Host key");
    case AuditKind::Checklist:
        return AuditView::tr("Checklist");
    case AuditKind::Incident:
        return AuditView::tr("Incident");
    }
    return {};
}

QString confirmedLabel(ConfirmedBy by)
{
    switch (by) {
    case ConfirmedBy::None:
        return {};
    case ConfirmedBy::Dialog:
        return AuditView::tr("dialog");
    case ConfirmedBy::Flag:
        return AuditView::tr("--confirm flag");
    case ConfirmedBy::TypedName:
        return AuditView::tr("typed name");
    }
    return {};
}

QDateTimeEdit *makeTimeEdit(QWidget *parent, const QDateTime &at)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    edit->setCalendarPopup(true);
    edit->setDateTime(at);
    edit->setEnabled(false);
    return edit;
}

} // namespace

AuditView::AuditView(std::shared_ptr<Database> database, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
    , m_text(new QLineEdit(this))
    , m_environment(new QComboBox(this))
    , m_host(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_fromEnabled(new QCheckBox(tr("From"), this))
    , m_toEnabled(new QCheckBox(tr("Before"), this))
    , m_table(new QTableView(this))
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_verify(new QPushButton(tr("&Verify chain"), this))
    , m_export(new QPushButton(tr("&Export CSV…"), this))
    , m_status(new QLabel(this))
    , m_verifyStatus(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(u"auditView"_s);
    setWindowTitle(tr("Audit log"));

    const QDateTime today = QDate::currentDate().startOfDay(QTimeZone::utc());
    m_from = makeTimeEdit(this, today.addDays(-7));
    m_to = makeTimeEdit(this, today.addDays(1));
    m_from->setObjectName(u"auditFrom"_s);
    m_to->setObjectName(u"auditTo"_s);
    m_fromEnabled->setObjectName(u"auditFromEnabled"_s);
    m_toEnabled->setObjectName(u"auditToEnabled"_s);

    m_text->setObjectName(u"auditTextFilter"_s);
    m_text->setPlaceholderText(tr("Search actor, host, command, details…"));
    m_text->setClearButtonEnabled(true);
    for (QComboBox *box : {m_environment, m_host}) {
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        box->setMinimumContentsLength(12);
    }
    m_environment->setObjectName(u"auditEnvironmentFilter"_s);
    m_environment->lineEdit()->setPlaceholderText(tr("All environments"));
    m_host->setObjectName(u"auditHostFilter"_s);
    m_host->lineEdit()->setPlaceholderText(tr("All hosts"));
    m_kind->setObjectName(u"auditKindFilter"_s);
    m_kind->addItem(tr("All kinds"), QString());
    for (AuditKind kind : kKinds)
        m_kind->addItem(kindLabel(kind), auditKindName(kind));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_text, 2);
    filters->addWidget(m_environment, 1);
    filters->addWidget(m_host, 1);
    filters->addWidget(m_kind);
    filters->addWidget(m_fromEnabled);
    filters->addWidget(m_from);
    filters->addWidget(m_toEnabled);
    filters->addWidget(m_to);
    auto *reset = new QPushButton(tr("Clear filters"), this);
    reset->setObjectName(u"auditClearFilters"_s);
    filters->addWidget(reset);

    m_model->setHorizontalHeaderLabels({tr("#"), tr("Time (UTC)"), tr("Kind"), tr("Actor"),
                                        tr("Environment"), tr("Host"), tr("Command"), tr("Exit"),
                                        tr("Confirmed by")});
    m_table->setObjectName(u"auditTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_verify->setObjectName(u"auditVerify"_s);
    m_verify->setToolTip(tr("Check every record's hash link and the keychain-sealed chain head"));
    m_export->setObjectName(u"auditExport"_s);
    m_status->setObjectName(u"auditStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verifyStatus->setObjectName(u"auditVerifyStatus"_s);
    m_verifyStatus->setWordWrap(true);
    m_verifyStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_verifyStatus->font();
    bold.setBold(true);
    m_verifyStatus->setFont(bold);
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    refreshButton->setObjectName(u"auditRefresh"_s);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_status, 1);
    actions->addWidget(refreshButton);
    actions->addWidget(m_export);
    actions->addWidget(m_verify);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_verifyStatus);
    layout->addLayout(actions);
    resize(1100, 600);

    // Typing narrows the list after a short pause, not one query per key press.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &AuditView::refresh);
    auto later = [this] {
        m_debounce->start();
    };
    connect(m_text, &QLineEdit::textChanged, this, later);
    connect(m_environment, &QComboBox::currentTextChanged, this, later);
    connect(m_host, &QComboBox::currentTextChanged, this, later);
    connect(m_kind, &QComboBox::currentIndexChanged, this, later);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, later);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, later);
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromEnabled, &QCheckBox::toggled, this, later);
    connect(m_toEnabled, &QCheckBox::toggled, this, later);
    connect(reset, &QPushButton::clicked, this, &AuditView::clearFilters);
    connect(refreshButton, &QPushButton::clicked, this, &AuditView::refresh);
    connect(m_verify, &QPushButton::clicked, this, &AuditView::verifyChain);
    connect(m_export, &QPushButton::clicked, this, &AuditView::askExport);

    connect(&m_queryWatcher, &QFutureWatcherBase::finished, this,
            [this] { showRecords(m_queryWatcher.result()); });
    connect(&m_verifyWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_verify->setEnabled(true);
        showVerify(m_verifyWatcher.result());
    });
    connect(&m_exportWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_export->setEnabled(true);
        const Result<void> written = m_exportWatcher.result();
        if (written) {
            setStatus(m_status, tr("Exported to %1.").arg(QDir::toNativeSeparators(m_exportPath)),
                      QColor());
        } else {
            setStatus(m_status, written.error().toString(), QColor(0xc0, 0x1c, 0x28));
        }
        Q_EMIT csvExported(m_exportPath, bool(written));
    });

    refresh();
}

AuditView::~AuditView()
{
    // The workers hold the database, not the view; waiting keeps their results from
    // arriving at a half-destroyed watcher.
    m_queryWatcher.waitForFinished();
    m_verifyWatcher.waitForFinished();
    m_exportWatcher.waitForFinished();
}

void AuditView::setChoices(const QStringList &environments, const QStringList &hosts)
{
    const std::pair<QComboBox *, const QStringList *> boxes[] = {{m_environment, &environments},
                                                                 {m_host, &hosts}};
    for (const auto &[box, names] : boxes) {
        const QSignalBlocker block(box);
        const QString current = box->currentText();
        box->clear();
        box->addItem(QString());
        box->addItems(*names);
        box->setCurrentText(current);
    }
}

void AuditView::setSealKey(const QByteArray &key)
{
    m_sealKey = key;
    m_keyState = key.isEmpty() ? KeyState::NotFound : KeyState::Available;
}

void AuditView::setStoredSealKey(const Result<QString> &stored)
{
    m_sealKey.clear();
    if (!stored) {
        m_keyState = stored.error().code == u"keychain.not_found"_s ? KeyState::NotFound
                                                                    : KeyState::Unavailable;
        m_keyProblem = stored.error().message;
        return;
    }
    const auto decoded = QByteArray::fromBase64Encoding(stored->trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != AuditLog::kSealKeySize) {
        m_keyState = KeyState::Unavailable;
        m_keyProblem = tr("the seal key in the keychain (%1) is damaged").arg(kSealKeyEntry);
        return;
    }
    m_sealKey = decoded.decoded;
    m_keyState = KeyState::Available;
}

AuditFilter AuditView::filter() const
{
    AuditFilter f;
    f.text = m_text->text().trimmed();
    f.environment = m_environment->currentText().trimmed();
    f.host = m_host->currentText().trimmed();
    const QString kind = m_kind->currentData().toString();
    if (!kind.isEmpty())
        f.kind = auditKindFromName(kind);
    if (m_fromEnabled->isChecked())
        f.from = m_from->dateTime().toUTC();
    if (m_toEnabled->isChecked())
        f.to = m_to->dateTime().toUTC();
    return f;
}

qint64 AuditView::selectedSeq() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(SeqColumn);
    return rows.isEmpty() ? -1 : rows.constFirst().data(kSeqRole).toLongLong();
}

QString AuditView::statusText() const
{
    return m_status->text();
}

QString AuditView::verifyText() const
{
    return m_verifyStatus->text();
}

void AuditView::clearFilters()
{
    const QSignalBlocker b1(m_text), b2(m_environment), b3(m_host), b4(m_kind), b5(m_fromEnabled),
        b6(m_toEnabled);
    m_text->clear();
    m_environment->setCurrentText(QString());
    m_host->setCurrentText(QString());
    m_kind->setCurrentIndex(0);
    m_fromEnabled->setChecked(false);
    m_toEnabled->setChecked(false);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    refresh();
}

void AuditView::refresh()
{
    m_debounce->stop();
    const AuditFilter f = filter();
    std::shared_ptr<Database> db = m_database;
    m_queryWatcher.setFuture(QtConcurrent::run([db, f]() -> Result<QList<AuditRecord>> {
        Result<QList<AuditRecord>> records = AuditLog(db, {}).query(f);
        db->releaseThreadConnection();
        return records;
    }));
}

void AuditView::showRecords(const Result<QList<AuditRecord>> &records)
{
    const qint64 keep = m_selectAfterLoad >= 0 ? m_selectAfterLoad : selectedSeq();
    m_selectAfterLoad = -1;
    m_model->removeRows(0, m_model->rowCount());
    if (!records) {
        setStatus(m_status, tr("Could not read the audit log: %1").arg(records.error().toString()),
                  QColor(0xc0, 0x1c, 0x28));
        Q_EMIT recordsLoaded(0);
        return;
    }
    for (const AuditRecord &r : *records) {
        const AuditEvent &e = r.event;
        QList<QStandardItem *> row;
        row << new QStandardItem(QString::number(r.seq))
            << new QStandardItem(e.at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s))
            << new QStandardItem(kindLabel(e.kind)) << new QStandardItem(e.actor)
            << new QStandardItem(e.environment) << new QStandardItem(e.host)
            << new QStandardItem(e.command)
            << new QStandardItem(e.exitStatus ? QString::number(*e.exitStatus) : QString())
            << new QStandardItem(confirmedLabel(e.confirmedBy));
        row[SeqColumn]->setData(r.seq, kSeqRole);
        const QString detail =
            e.detail.isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Indented));
        for (QStandardItem *item : row)
            item->setToolTip(detail.isEmpty() ? e.command : e.command + u"\n\n"_s + detail);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    if (keep >= 0)
        selectSeq(keep);
    setStatus(m_status, tr("%n record(s)", nullptr, int(records->size())), QColor());
    Q_EMIT recordsLoaded(int(records->size()));
}

void AuditView::selectSeq(qint64 seq)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row, SeqColumn)->data(kSeqRole).toLongLong() == seq) {
            m_table->selectRow(row);
            m_table->scrollTo(m_model->index(row, SeqColumn));
            return;
        }
    }
}

void AuditView::verifyChain()
{
    m_verify->setEnabled(false);
    setStatus(m_verifyStatus, tr("Checking the chain…"), QColor());
    std::shared_ptr<Database> db = m_database;
    const QByteArray key = m_sealKey;
    m_verifyWatcher.setFuture(QtConcurrent::run([db, key]() -> VerifyOutcome {
        const AuditLog log(db, key);
        VerifyOutcome outcome;
        outcome.report = log.verify();
        if (key.isEmpty()) {
            auto records = log.query();
            outcome.records = records ? records->size() : -1;
        }
        db->releaseThreadConnection();
        return outcome;
    }));
}

void AuditView::showVerify(const VerifyOutcome &outcome)
{
    const QColor red(0xc0, 0x1c, 0x28);
    if (!outcome.report) {
        setStatus(m_verifyStatus,
                  tr("Could not check the audit log: %1").arg(outcome.report.error().toString()),
                  red);
        Q_EMIT chainVerified(false, -1);
        return;
    }
    const VerifyReport &report = *outcome.report;
    if (report.ok) {
        setStatus(m_verifyStatus, tr("Chain OK: %1.").arg(report.message),
                  QColor(0x1a, 0x7f, 0x37));
        Q_EMIT chainVerified(true, -1);
        return;
    }
    // Records up to report.length passed; a break beyond them is a record to show, one
    // within them is the seal's (the whole chain is suspect, no single record to blame).
    const bool recordBroken = report.firstBrokenSeq > report.length;
    if (m_sealKey.isEmpty() && (!recordBroken || outcome.records == 0)) {
        if (outcome.records == 0) {
            setStatus(m_verifyStatus, tr("Chain OK: the audit log is empty."),
                      QColor(0x1a, 0x7f, 0x37));
            Q_EMIT chainVerified(true, -1);
            return;
        }
        const QString why = m_keyState == KeyState::Unavailable
                                ? m_keyProblem
                                : tr("the seal key is not in the keychain");
        setStatus(m_verifyStatus,
                  tr("The %n record(s) link up, but the seal cannot be checked (%1). Unlock the "
                     "keychain and verify again.",
                     nullptr, int(report.length))
                      .arg(why),
                  QColor(0x9a, 0x67, 0x00));
        Q_EMIT chainVerified(false, -1);
        return;
    }
    setStatus(m_verifyStatus, tr("Chain BROKEN: %1").arg(report.message), red);
    if (recordBroken) {
        // The record may be hidden by the filters: show everything and select it.
        m_selectAfterLoad = report.firstBrokenSeq;
        clearFilters();
    }
    Q_EMIT chainVerified(false, report.firstBrokenSeq);
}

void AuditView::askExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export audit log"),
        QDir::homePath() + u"/pilothouse-audit-"_s +
            QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmm"_s) + u".csv"_s,
        tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsvTo(path);
}

void AuditView::exportCsvTo(const QString &path)
{
    m_export->setEnabled(false);
    m_exportPath = path;
    const AuditFilter f = filter();
    std::shared_ptr<Database> db = m_database;
    m_exportWatcher.setFuture(QtConcurrent::run([db, f, path]() -> Result<void> {
        auto csv = AuditLog(db, {}).exportCsv(f);
        db->releaseThreadConnection();
        if (!csv)
            return tl::unexpected(csv.error());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(*csv) != csv->size() || !out.commit()) {
            return fail(u"audit.export"_s,
                        AuditView::tr("Could not write %1. Choose a folder you can write to.")
                            .arg(QDir::toNativeSeparators(path)),
                        out.errorString());
        }
        return {};
    }));
}

void AuditView::setStatus(QLabel *label, const QString &text, const QColor &color)
{
    label->setText(text);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText,
                 color.isValid() ? color : palette().color(QPalette::WindowText));
    label->setPalette(pal);
}

} // namespace ph
