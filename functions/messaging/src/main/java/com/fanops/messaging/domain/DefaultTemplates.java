package com.fanops.messaging.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** Version 0 of the templates: a plain, friendly text for every kind in zh-CN and en. */
public final class DefaultTemplates {

    private static final MessageTemplates DEFAULTS = build();

    private DefaultTemplates() {
    }

    public static MessageTemplates get() {
        return DEFAULTS;
    }

    private static MessageTemplates build() {
        Map<String, Map<String, MessageTemplate>> t = new LinkedHashMap<>();
        put(t, MessageKind.WELCOME,
                new MessageTemplate("欢迎加入社区，{{nickname}}", "{{nickname}}，您好！\n\n欢迎成为我们的会员。您的会员页面：{{communityUrl}}\n\n期待与您交流。",
                        "欢迎加入社区，{{nickname}}！会员页面：{{communityUrl}}"),
                new MessageTemplate("Welcome to the community, {{nickname}}", "Hello {{nickname}},\n\nWelcome aboard. Your member page: {{communityUrl}}\n\nWe look forward to hearing from you.",
                        "Welcome to the community, {{nickname}}! Your page: {{communityUrl}}"));
        put(t, MessageKind.CARE,
                new MessageTemplate("好久不见，{{nickname}}", "{{nickname}}，您好！\n\n我们已经 {{dormantDays}} 天没有见到您了，社区里有不少新鲜事，欢迎回来看看：{{communityUrl}}",
                        "{{nickname}}，好久不见！社区有新活动，欢迎回来看看。"),
                new MessageTemplate("We miss you, {{nickname}}", "Hello {{nickname}},\n\nIt has been {{dormantDays}} days since we last saw you. A lot has happened in the community - come and have a look: {{communityUrl}}",
                        "{{nickname}}, we miss you! Come back and see what is new."));
        put(t, MessageKind.TIER_CHANGED,
                new MessageTemplate("您的会员等级已更新为 {{tier}}", "{{nickname}}，您好！\n\n您的会员等级已从 {{fromTier}} 变为 {{tier}}。详情：{{communityUrl}}",
                        "您的会员等级已更新为 {{tier}}。"),
                new MessageTemplate("Your tier is now {{tier}}", "Hello {{nickname}},\n\nYour tier changed from {{fromTier}} to {{tier}}. Details: {{communityUrl}}",
                        "Your member tier is now {{tier}}."));
        put(t, MessageKind.TIER_DOWNGRADE_WARNING,
                new MessageTemplate("您的 {{tier}} 等级即将调整", "{{nickname}}，您好！\n\n若活跃度不变，您的等级将于 {{downgradeOn}} 由 {{tier}} 调整为 {{downgradeTo}}。保持互动即可保级：{{communityUrl}}",
                        "您的 {{tier}} 等级将于 {{downgradeOn}} 调整为 {{downgradeTo}}，保持互动即可保级。"),
                new MessageTemplate("Your {{tier}} tier is about to change", "Hello {{nickname}},\n\nUnless you stay active, your tier moves from {{tier}} to {{downgradeTo}} on {{downgradeOn}}. Keep taking part to keep it: {{communityUrl}}",
                        "Your {{tier}} tier moves to {{downgradeTo}} on {{downgradeOn}} unless you stay active."));
        put(t, MessageKind.POINTS_EXPIRING,
                new MessageTemplate("您有 {{points}} 积分即将过期", "{{nickname}}，您好！\n\n您有 {{points}} 积分将于 {{expiresOn}} 过期，请及时使用：{{communityUrl}}",
                        "您有 {{points}} 积分将于 {{expiresOn}} 过期，请及时使用。"),
                new MessageTemplate("{{points}} of your points expire soon", "Hello {{nickname}},\n\n{{points}} of your points expire on {{expiresOn}}. Use them in time: {{communityUrl}}",
                        "{{points}} of your points expire on {{expiresOn}}."));
        put(t, MessageKind.DATA_REQUEST_UPDATE,
                new MessageTemplate("您的数据请求：{{requestStatus}}", "{{nickname}}，您好！\n\n您的 {{requestType}} 请求状态为：{{requestStatus}}（处理期限 {{deadline}}）。详情：{{communityUrl}}",
                        "您的数据请求（{{requestType}}）：{{requestStatus}}。"),
                new MessageTemplate("Your data request: {{requestStatus}}", "Hello {{nickname}},\n\nYour {{requestType}} request is {{requestStatus}} (deadline {{deadline}}). Details: {{communityUrl}}",
                        "Your {{requestType}} request: {{requestStatus}}."));
        put(t, MessageKind.REWARD_ISSUED,
                new MessageTemplate("您获得了奖励：{{rewardName}}", "{{nickname}}，您好！\n\n恭喜您获得 {{rewardName}}。查看：{{communityUrl}}",
                        "恭喜您获得 {{rewardName}}！"),
                new MessageTemplate("You received a reward: {{rewardName}}", "Hello {{nickname}},\n\nCongratulations, you received {{rewardName}}. See it here: {{communityUrl}}",
                        "Congratulations, you received {{rewardName}}!"));
        put(t, MessageKind.TICKET_ACKNOWLEDGED,
                new MessageTemplate("我们已收到您的反馈 {{ticketNumber}}", "{{nickname}}，您好！\n\n我们已收到您的反馈（编号 {{ticketNumber}}），将在 {{replyBy}} 前回复您。\n\n查看处理进度：{{statusUrl}}",
                        "已收到您的反馈 {{ticketNumber}}，我们将在 {{replyBy}} 前回复。"),
                new MessageTemplate("We received your feedback {{ticketNumber}}", "Hello {{nickname}},\n\nWe received your feedback (ticket {{ticketNumber}}) and will reply by {{replyBy}}.\n\nFollow it here: {{statusUrl}}",
                        "We received ticket {{ticketNumber}} and will reply by {{replyBy}}."));
        put(t, MessageKind.TICKET_REPLY,
                new MessageTemplate("关于您的反馈 {{ticketNumber}}", "{{nickname}}，您好！\n\n{{reply}}", "关于 {{ticketNumber}}：{{reply}}"),
                new MessageTemplate("About your feedback {{ticketNumber}}", "Hello {{nickname}},\n\n{{reply}}", "About {{ticketNumber}}: {{reply}}"));
        put(t, MessageKind.SURVEY,
                new MessageTemplate("请为我们的服务打分", "{{nickname}}，您好！\n\n您的反馈 {{ticketNumber}} 已处理完毕，请花一分钟为我们的服务打分：{{surveyUrl}}",
                        "请为我们的服务打分：{{surveyUrl}}"),
                new MessageTemplate("How did we do?", "Hello {{nickname}},\n\nYour feedback {{ticketNumber}} has been resolved. Please take a minute to rate our service: {{surveyUrl}}",
                        "How did we do? {{surveyUrl}}"));
        put(t, MessageKind.ACTIVITY_REMINDER,
                new MessageTemplate("活动提醒：{{activity}}", "{{nickname}}，您好！\n\n您报名的活动“{{activity}}”将于 {{startsAt}} 在 {{place}} 开始，期待您的到来。",
                        "活动提醒：{{activity}} 将于 {{startsAt}} 开始。"),
                new MessageTemplate("Reminder: {{activity}}", "Hello {{nickname}},\n\n{{activity}} starts at {{startsAt}} at {{place}}. We look forward to seeing you.",
                        "Reminder: {{activity}} starts at {{startsAt}}."));
        put(t, MessageKind.ACTIVITY_REGISTERED,
                new MessageTemplate("报名确认：{{activity}}", "{{nickname}}，您好！\n\n您已报名活动“{{activity}}”（{{startsAt}}，{{place}}），报名号 {{no}}，状态：{{status}}。如有变化我们会通知您。",
                        "报名确认：{{activity}}，报名号 {{no}}，状态：{{status}}。"),
                new MessageTemplate("Registration: {{activity}}", "Hello {{nickname}},\n\nYou registered for {{activity}} ({{startsAt}}, {{place}}). Your number is {{no}}, status: {{status}}. We will tell you if anything changes.",
                        "Registration for {{activity}}: number {{no}}, {{status}}."));
        put(t, MessageKind.ACTIVITY_PROMOTED,
                new MessageTemplate("您已获得名额：{{activity}}", "{{nickname}}，您好！\n\n有名额空出，您（报名号 {{no}}）已从候补转为正式报名活动“{{activity}}”，{{startsAt}} 在 {{place}} 见。",
                        "您已获得“{{activity}}”的名额，{{startsAt}} 见。"),
                new MessageTemplate("You have a seat: {{activity}}", "Hello {{nickname}},\n\nA seat came free and you (number {{no}}) moved from the waiting list to {{activity}}. See you at {{startsAt}} at {{place}}.",
                        "You have a seat at {{activity}}, {{startsAt}}."));
        put(t, MessageKind.ACTIVITY_INVITATION,
                new MessageTemplate("活动邀请：{{activity}}", "{{nickname}}，您好！\n\n诚邀您参加“{{activity}}”，{{startsAt}} 在 {{place}}。活动详情及报名方式：{{activityUrl}}",
                        "诚邀参加“{{activity}}”，详情：{{activityUrl}}"),
                new MessageTemplate("You are invited: {{activity}}", "Hello {{nickname}},\n\nJoin us for {{activity}} at {{startsAt}}, {{place}}. Details and how to register: {{activityUrl}}",
                        "Join us for {{activity}}: {{activityUrl}}"));
        put(t, MessageKind.ACTIVITY_SURVEY,
                new MessageTemplate("“{{activity}}”活动反馈", "{{nickname}}，您好！\n\n感谢您参加“{{activity}}”。请花一分钟为本次活动打分：{{surveyUrl}}",
                        "感谢参加“{{activity}}”，请为活动打分：{{surveyUrl}}"),
                new MessageTemplate("How was {{activity}}?", "Hello {{nickname}},\n\nThank you for coming to {{activity}}. Please take a minute to rate it: {{surveyUrl}}",
                        "Thanks for coming to {{activity}}! Rate it: {{surveyUrl}}"));
        put(t, MessageKind.PULSE_SURVEY,
                new MessageTemplate("一分钟社区满意度调查", "{{nickname}}，您好！\n\n我们想了解您对社区的感受，请花一分钟为社区打分（1-5 分）：{{pulseUrl}}\n\n感谢您的参与。",
                        "社区满意度调查，一分钟完成：{{pulseUrl}}"),
                new MessageTemplate("A one-minute community survey", "Hello {{nickname}},\n\nWe would like to know how you feel about our community. Please take a minute to rate it (1-5): {{pulseUrl}}\n\nThank you for taking part.",
                        "How do you like our community? One minute: {{pulseUrl}}"));
        put(t, MessageKind.OPERATOR_NOTE,
                new MessageTemplate("来自社区团队的消息", "{{nickname}}，您好！\n\n{{text}}", "{{text}}"),
                new MessageTemplate("A message from the community team", "Hello {{nickname}},\n\n{{text}}", "{{text}}"));
        return new MessageTemplates(t);
    }

    private static void put(Map<String, Map<String, MessageTemplate>> t, MessageKind kind, MessageTemplate zh, MessageTemplate en) {
        t.put(kind.key(), Map.of("zh-CN", zh, "en", en));
    }
}
