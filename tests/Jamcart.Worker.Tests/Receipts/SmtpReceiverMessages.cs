using Jamcart.Bench.Scale;

using MimeKit;

namespace Jamcart.Worker.Tests.Receipts;

/// <summary>The receiver's messages parsed, for tests that read their headers and parts.</summary>
internal static class SmtpReceiverMessages
{
    extension(SmtpReceiver receiver)
    {
        public IReadOnlyList<MimeMessage> Messages => [.. receiver.RawMessages.Select(bytes => MimeMessage.Load(new MemoryStream(bytes)))];
    }
}
