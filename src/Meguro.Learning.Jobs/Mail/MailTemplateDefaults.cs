namespace Meguro.Learning.Jobs.Mail;

/// <summary>
/// The shipped Japanese texts. They are seeded into the database when a key is missing and are the
/// fallback if a stored template can no longer be used, so a reminder always goes out.
/// </summary>
public static class MailTemplateDefaults
{
    public static readonly MailTemplateDefinition LearnerReminder = new(
        MailTemplateKeys.LearnerReminder,
        "受講者への督促",
        "【職員デジタル研修】{% if days_left < 0 %}期限を過ぎています{% else %}受講期限のお知らせ（{{ step }}）{% endif %}：{{ course.title }}",
        """
        {{ learner.name }} 様

        {% if days_left < 0 -%}
        次の研修の受講期限（{{ due_date }}）を {{ days_left | abs }} 日過ぎています。至急受講してください。
        {%- elsif days_left == 0 -%}
        次の研修の受講期限は本日（{{ due_date }}）です。
        {%- else -%}
        次の研修の受講期限（{{ due_date }}）まで、あと {{ days_left }} 日です。
        {%- endif %}

        コース：{{ course.title }}
        受講はこちらから：{{ course.url }}

        休職・育休などで受講できない場合は、人事課研修係にご連絡ください。

        ――
        目黒区 職員デジタル研修（{{ site.url }}）
        このメールは送信専用です。
        """,
        ["learner.name", "course.title", "course.url", "due_date", "days_left", "step", "site.url"]);

    public static readonly MailTemplateDefinition ManagerDigest = new(
        MailTemplateKeys.ManagerDigest,
        "所属長への期限超過のお知らせ",
        "【職員デジタル研修】期限を過ぎた研修があります（{{ items | size }}件）",
        """
        {{ manager.name }} 様

        {% if level == 1 -%}
        所属の職員で、受講期限を過ぎた研修があります。受講の声かけをお願いします。
        {%- else -%}
        下位の所属の職員で、受講期限を過ぎたまま期間が経過している研修があります。各所属長への確認をお願いします。
        {%- endif %}

        {% for item in items -%}
        ・{{ item.name }}（{{ item.org_unit }}）{{ item.course_title }}　期限 {{ item.due_date }}（{{ item.days_overdue }}日超過）
        {% endfor %}
        状況は次の画面で確認できます：{{ site.url }}/manager

        ――
        目黒区 職員デジタル研修
        このメールは送信専用です。
        """,
        ["manager.name", "level", "items[].name", "items[].org_unit", "items[].course_title", "items[].due_date", "items[].days_overdue", "site.url"]);

    public static readonly IReadOnlyList<MailTemplateDefinition> All = [LearnerReminder, ManagerDigest];

    public static MailTemplateDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);
}
